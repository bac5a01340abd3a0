import { hash, verify } from "@node-rs/argon2";
import { AppError } from "../../lib/errors.ts";

// argon2id (the library's default algorithm) with OWASP's recommended minimum cost.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export function assertPasswordStrength(password: string, field = "password"): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("VALIDATION_FAILED", `Password must have at least ${MIN_PASSWORD_LENGTH} characters`, [
      { field, message: `at least ${MIN_PASSWORD_LENGTH} characters` },
    ]);
  }
}
