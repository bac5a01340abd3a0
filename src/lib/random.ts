/** A small seeded PRNG (mulberry32): the demo data and the synthetic benchmark organization are reproducible. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

export const FIRST_NAMES = ["Maria", "James", "Aaliyah", "Kevin", "Sofia", "Daniel", "Jasmine", "Luis", "Emily", "Marcus", "Priya", "Tyler", "Grace", "Andre", "Hannah", "Omar", "Chloe", "Derek", "Fatima", "Ryan", "Mei", "Jordan", "Keisha", "Nathan", "Olivia", "Carlos", "Brianna", "Ethan", "Leah", "Samuel", "Ana", "Victor", "Tiffany", "Isaac", "Nadia", "Brandon", "Rosa", "Caleb", "Yesenia", "Adam"] as const;
export const LAST_NAMES = ["Lopez", "Carter", "Nguyen", "Patel", "Johnson", "Kim", "Brooks", "Garcia", "Williams", "Reyes", "Chen", "Thompson", "Okafor", "Martinez", "Davis", "Singh", "Hernandez", "Walker", "Ali", "Robinson", "Wright", "Flores", "Scott", "Turner", "Rivera", "Baker", "Campbell", "Mitchell", "Ortiz", "Evans", "Morales", "Price", "Foster", "Bennett", "Hughes", "Ramirez", "Sanders", "Coleman", "Jenkins", "Perry"] as const;
