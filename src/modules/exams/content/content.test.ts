import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { ItemContent } from "../item.types.ts";
import { PTCE_DOMAINS, PTCE_OUTLINES, type PtceDomain } from "../outline.ts";
import { bankSummary, selectBank, shareWindows, SHARE_TOLERANCE_POINTS, SHIPPED_ITEMS } from "./bank.ts";
import { checkDrugFacts, checkItems, normalizeStem, type ContentProblem } from "./checks.ts";
import { DEA_SCHEDULES, DRUG_CLASSES, DRUGS, INDICATIONS, classesOf, drugDisplayName, drugMoieties, drugSlug, lookAlikePartners, tallManNames, usesOf, type DrugFact } from "./drugs.ts";
import { HAND_WRITTEN_ITEMS } from "./hand/index.ts";
import { ISMP_ABBREVIATIONS, SIG_CODES } from "./reference-tables.ts";
import { buildTableItems } from "./table-items.ts";

const TABLE_ITEMS = buildTableItems();

function drug(generic: string, form?: string): DrugFact {
  const found = DRUGS.find((d) => d.generic === generic && (form === undefined || d.form === form));
  assert.ok(found, `${generic} is in the drug table`);
  return found;
}

function tableItem(code: string): ItemContent {
  const found = TABLE_ITEMS.find((i) => i.code === code);
  assert.ok(found, `table item ${code} exists`);
  return structuredClone(found);
}

/** A well-formed hand-style item to plant defects in. */
function handItem(code: string, stem: string, overrides: Partial<ItemContent> = {}): ItemContent {
  return {
    code,
    kind: "single",
    stem,
    options: [
      { id: "a", text: "First option" },
      { id: "b", text: "Second option" },
      { id: "c", text: "Third option" },
      { id: "d", text: "Fourth option" },
    ],
    key: ["a"],
    explanation: "The first option is right because of the planted fact; the others are not.",
    reference: "planted test item",
    domain: "medications",
    subtopic: "1.1",
    difficulty: 1,
    source: "hand",
    ...overrides,
  };
}

function rules(problems: readonly ContentProblem[]): string[] {
  return problems.map((p) => p.rule);
}

describe("the shipped bank", () => {
  it("passes every structural check", () => {
    assert.deepEqual(checkItems(SHIPPED_ITEMS), []);
  });

  it("agrees with the drug table, in table items and hand-written text alike", () => {
    assert.deepEqual(checkDrugFacts(SHIPPED_ITEMS), []);
  });

  it("has at least 1,000 distinct items", () => {
    const codes = new Set(SHIPPED_ITEMS.map((i) => i.code));
    const stems = new Set(SHIPPED_ITEMS.map((i) => normalizeStem(i.stem)));
    assert.ok(codes.size >= 1000, `${codes.size} distinct codes`);
    assert.ok(stems.size >= 1000, `${stems.size} distinct stems`);
  });

  // Fails until the hand-written files (content/hand/*.ts) hold their items.
  it("has at least 300 hand-written items", () => {
    const hand = SHIPPED_ITEMS.filter((i) => i.source === "hand").length;
    assert.ok(hand >= 300, `${hand} hand-written items`);
  });

  it("contains every hand-written item unchanged", () => {
    const shipped = new Map(SHIPPED_ITEMS.map((i) => [i.code, i]));
    for (const item of HAND_WRITTEN_ITEMS) assert.equal(shipped.get(item.code), item, item.code);
  });

  it("keeps every domain's share within 3.5 points of both the 2020 and the 2026 outline", () => {
    const summary = bankSummary();
    for (const outline of PTCE_OUTLINES) {
      for (const domain of outline.domains) {
        const share = (summary.byDomain[domain.code] * 100) / summary.total;
        assert.ok(Math.abs(share - domain.weight) <= SHARE_TOLERANCE_POINTS, `${domain.code}: ${share.toFixed(2)} % vs ${domain.weight} % in ${outline.code}`);
      }
    }
    assert.equal(summary.withinWindows, true);
  });

  it("summarizes counts that add up to the bank", () => {
    const summary = bankSummary();
    const sum = (counts: Record<string, number>) => Object.values(counts).reduce((n, c) => n + c, 0);
    assert.equal(summary.total, SHIPPED_ITEMS.length);
    assert.equal(sum(summary.byDomain), summary.total);
    assert.equal(sum(summary.bySubtopic), summary.total);
    assert.equal(sum(summary.bySource), summary.total);
    assert.equal(sum(summary.byFamily), summary.total);
  });
});

describe("the drug table", () => {
  it("lists at least 200 drugs", () => {
    assert.ok(DRUGS.length >= 200, `${DRUGS.length} drugs`);
  });

  it("gives each drug a distinct name and each brand to one drug only", () => {
    const names = DRUGS.map(drugDisplayName);
    assert.equal(new Set(names).size, names.length);
    const brands = DRUGS.flatMap((d) => d.brands);
    assert.deepEqual(brands.filter((b, i) => brands.indexOf(b) !== i), []);
  });

  it("has the federal schedules every reference agrees on", () => {
    const expected: [string, string | null][] = [
      ["hydrocodone/acetaminophen", "C-II"],
      ["oxycodone", "C-II"],
      ["methylphenidate", "C-II"],
      ["amphetamine/dextroamphetamine", "C-II"],
      ["buprenorphine", "C-III"],
      ["buprenorphine/naloxone", "C-III"],
      ["acetaminophen/codeine", "C-III"],
      ["testosterone", "C-III"],
      ["tramadol", "C-IV"],
      ["zolpidem", "C-IV"],
      ["alprazolam", "C-IV"],
      ["lorazepam", "C-IV"],
      ["clonazepam", "C-IV"],
      ["carisoprodol", "C-IV"],
      ["phenobarbital", "C-IV"],
      ["pregabalin", "C-V"],
      ["lacosamide", "C-V"],
      ["gabapentin", null],
      ["pseudoephedrine", null],
    ];
    for (const [generic, schedule] of expected) assert.equal(drug(generic).schedule, schedule, generic);
  });

  it("uses only federal schedules C-II to C-V", () => {
    for (const d of DRUGS) if (d.schedule !== null) assert.ok((DEA_SCHEDULES as readonly string[]).includes(d.schedule), d.generic);
  });

  it("writes tall man forms that are on the FDA/ISMP pairs and spell the drug's own name", () => {
    const listed = new Set(tallManNames());
    for (const d of DRUGS.filter((x) => x.tallMan)) {
      assert.ok(listed.has(d.tallMan!), `${d.tallMan} is in TALL_MAN_PAIRS`);
      assert.ok(drugMoieties(d).includes(d.tallMan!.toLowerCase()), `${d.tallMan} spells ${d.generic}`);
    }
    assert.deepEqual(lookAlikePartners(drug("hydroxyzine")), ["hydrALAZINE"]);
    assert.deepEqual(lookAlikePartners(drug("clonazepam")).sort(), ["LORazepam", "cloNIDine"]);
    for (const pair of [["buPROPion", "busPIRone"], ["hydrALAZINE", "hydrOXYzine"], ["glipiZIDE", "glyBURIDE"], ["ALPRAZolam", "LORazepam"], ["clonazePAM", "cloNIDine"], ["NovoLOG", "NovoLIN"]]) {
      for (const name of pair) assert.ok(listed.has(name), `${name} is listed`);
    }
  });

  it("keeps the reference tables at their promised sizes", () => {
    assert.ok(ISMP_ABBREVIATIONS.length >= 20, `${ISMP_ABBREVIATIONS.length} ISMP rows`);
    assert.ok(SIG_CODES.length >= 60, `${SIG_CODES.length} sig codes`);
  });
});

describe("table items", () => {
  it("are the same on every build", () => {
    assert.deepEqual(buildTableItems(), TABLE_ITEMS);
  });

  it("all pass the structural checks and the drug facts, selected or not", () => {
    assert.deepEqual(checkItems(TABLE_ITEMS), []);
    assert.deepEqual(checkDrugFacts(TABLE_ITEMS), []);
  });

  it("come from the table, with a family, and offer four options (five for schedules)", () => {
    for (const item of TABLE_ITEMS) {
      assert.equal(item.source, "table", item.code);
      assert.ok(item.family, item.code);
      const expected = item.family === "drugs:schedule" ? 5 : 4;
      assert.equal(item.options.length, expected, item.code);
    }
  });

  it("ask for the brand, generic, class, use and schedule with stable codes", () => {
    const brand = tableItem("drug-brand-atorvastatin");
    assert.equal(brand.options.find((o) => brand.key.includes(o.id))?.text, "Lipitor");
    const generic = tableItem("drug-generic-zestril");
    assert.equal(generic.options.find((o) => generic.key.includes(o.id))?.text, "lisinopril");
    const schedule = tableItem("drug-schedule-hydrocodone-acetaminophen");
    assert.equal(schedule.options.find((o) => schedule.key.includes(o.id))?.text, "Schedule II (C-II)");
    assert.equal(tableItem("drug-class-atorvastatin").subtopic, "1.1");
    assert.equal(tableItem("drug-use-atorvastatin").subtopic, "1.6");
    assert.equal(tableItem("ismp-use-instead-qd").subtopic, "3.2");
    assert.equal(tableItem("sig-meaning-bid").subtopic, "4.2");
  });

  it("never offer as wrong a class or use the drug has, for any drug in the table", () => {
    const wrongOf = (code: string) => {
      const item = TABLE_ITEMS.find((i) => i.code === code);
      return item ? item.options.filter((o) => !item.key.includes(o.id)).map((o) => o.text) : [];
    };
    fc.assert(
      fc.property(fc.constantFrom(...DRUGS), (d) => {
        const ownClasses = new Set<string>([...classesOf(d)].map((c) => DRUG_CLASSES[c].name));
        const ownUses = new Set<string>([...usesOf(d)].map((u) => INDICATIONS[u].text));
        return wrongOf(`drug-class-${drugSlug(d)}`).every((w) => !ownClasses.has(w)) && wrongOf(`drug-use-${drugSlug(d)}`).every((w) => !ownUses.has(w));
      }),
    );
  });
});

describe("the checks catch planted defects", () => {
  it("a duplicate stem that differs only in case, spacing and punctuation", () => {
    const items = [handItem("planted-1", "Which drug is a statin?"), handItem("planted-2", "which   DRUG is a statin")];
    assert.deepEqual(rules(checkItems(items)), ["duplicate-stem"]);
  });

  it("two keys on a single-answer item", () => {
    assert.deepEqual(rules(checkItems([handItem("planted-1", "Which drug is a statin?", { key: ["a", "b"] })])), ["key-count"]);
  });

  it("a multiple-response item with one key, a key that is not an option, and a repeated option", () => {
    assert.deepEqual(rules(checkItems([handItem("planted-1", "Which drugs are statins?", { kind: "multi" })])), ["key-count"]);
    assert.deepEqual(rules(checkItems([handItem("planted-2", "Which drug is a statin?", { key: ["e"] })])), ["key"]);
    const repeated = handItem("planted-3", "Which drug is a beta blocker?");
    repeated.options[1].text = " first OPTION ";
    assert.deepEqual(rules(checkItems([repeated])), ["duplicate-option"]);
  });

  it("badly formed codes, option ids, subtopics and missing explanations", () => {
    const bad = handItem("Bad Code!", "Which drug is a statin?", { subtopic: "2.2", explanation: " ", reference: "" });
    bad.options[2].id = "x";
    assert.deepEqual(rules(checkItems([bad])).sort(), ["code-format", "explanation", "option-id", "reference", "subtopic"]);
    assert.deepEqual(rules(checkItems([handItem("planted", "Which drug is a statin?"), handItem("planted", "Which drug is an ARB?")])), ["duplicate-code"]);
  });

  it("a hand-written generic paired with another drug's brand", () => {
    const problems = checkDrugFacts([handItem("planted-1", "A patient takes atorvastatin (Zocor) at bedtime. Which is true?")]);
    assert.deepEqual(rules(problems), ["drug-pairing"]);
    assert.match(problems[0].message, /simvastatin/);
  });

  it("a brand paired with the wrong generic, a wrong brand statement and a wrong schedule", () => {
    assert.deepEqual(rules(checkDrugFacts([handItem("planted-1", "Lasix (metoprolol tartrate) is due for a refill. What next?")])), ["drug-pairing"]);
    assert.deepEqual(rules(checkDrugFacts([handItem("planted-2", "Lipitor is the brand name of simvastatin. Which class is it?")])), ["drug-pairing"]);
    assert.deepEqual(rules(checkDrugFacts([handItem("planted-3", "A prescription for tramadol (C-II) arrives. What is the refill limit?")])), ["drug-pairing"]);
  });

  it("but not correct pairings, combination products or unrelated parentheses", () => {
    const fine = [
      handItem("fine-1", "A patient takes atorvastatin (Lipitor) 20 mg daily. Which is true?"),
      handItem("fine-2", "Norco (hydrocodone/acetaminophen) and hydrocodone (Vicodin) are both C-II."),
      handItem("fine-3", "How much acetaminophen (Percocet, Norco) can a patient take in a day?"),
      handItem("fine-4", "Lasix (furosemide 40 mg) is given with potassium chloride (Klor-Con)."),
      handItem("fine-5", "Levothyroxine (0.1 mg) is taken on an empty stomach; tramadol (Ultram, C-IV) is not."),
    ];
    assert.deepEqual(checkDrugFacts(fine), []);
  });

  it("a table item whose key no longer matches the drug table", () => {
    const item = tableItem("drug-brand-atorvastatin");
    item.key = [item.options.find((o) => !item.key.includes(o.id))!.id];
    assert.ok(rules(checkDrugFacts([item])).includes("drug-key"));
  });

  it("a table item offering a second right answer as a wrong option", () => {
    const item = tableItem("drug-brand-lisinopril");
    const wrong = item.options.find((o) => !item.key.includes(o.id))!;
    wrong.text = "Prinivil";
    assert.deepEqual(rules(checkDrugFacts([item])), ["drug-distractor"]);
  });
});

describe("selecting the bank", () => {
  function syntheticHand(counts: Record<PtceDomain, number>): ItemContent[] {
    const subtopic: Record<PtceDomain, string> = { medications: "1.3", federal: "2.5", safety: "3.4", order_entry: "4.4" };
    return PTCE_DOMAINS.flatMap((domain) =>
      Array.from({ length: counts[domain] }, (_, i) =>
        handItem(`hand-${domain}-${i}`, `Synthetic ${domain} question number ${i}?`, { domain, subtopic: subtopic[domain] }),
      ),
    );
  }

  it("keeps all hand-written items and, whenever it can, every domain inside its window", () => {
    const windows = shareWindows();
    fc.assert(
      fc.property(
        fc.record({ medications: fc.nat(300), federal: fc.nat(200), safety: fc.nat(250), order_entry: fc.nat(200) }),
        (counts) => {
          const hand = syntheticHand(counts);
          const selection = selectBank(hand, TABLE_ITEMS);
          const codes = new Set(selection.items.map((i) => i.code));
          if (!hand.every((i) => codes.has(i.code))) return false;
          if (codes.size !== selection.items.length) return false;
          if (!selection.withinWindows) return true;
          const total = selection.items.length;
          return windows.every((w) => {
            const share = (selection.counts[w.domain] * 100) / total;
            return share >= w.min - 1e-9 && share <= w.max + 1e-9;
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it("stays inside the windows with no hand-written items at all, and with the expected hand-written counts", () => {
    assert.equal(selectBank([], TABLE_ITEMS).withinWindows, true);
    const expected = selectBank(syntheticHand({ federal: 95, safety: 100, order_entry: 60, medications: 70 }), TABLE_ITEMS);
    assert.equal(expected.withinWindows, true);
    assert.ok(expected.items.length >= 1000, `${expected.items.length} items`);
  });

  it("is deterministic", () => {
    const hand = syntheticHand({ medications: 10, federal: 20, safety: 30, order_entry: 40 });
    assert.deepEqual(
      selectBank(hand, TABLE_ITEMS).items.map((i) => i.code),
      selectBank(hand, buildTableItems()).items.map((i) => i.code),
    );
  });

  it("leaves out table items whose code or stem a hand-written item already uses", () => {
    const copy = tableItem("drug-brand-atorvastatin");
    const hand = [handItem("hand-lipitor", copy.stem.toUpperCase()), handItem("drug-generic-lipitor", "A hand-written question that reuses a table code?")];
    const selection = selectBank(hand, TABLE_ITEMS);
    assert.deepEqual(selection.droppedAsDuplicates.sort(), ["drug-brand-atorvastatin", "drug-generic-lipitor"]);
    assert.deepEqual(checkItems(selection.items), []);
  });
});
