#!/usr/bin/env node
// The admin command line. TypeScript sources run through tsx's loader in this same process.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
