/**
 * Commonly dispensed US outpatient drugs as data: the table behind the "drugs:*" practice items.
 *
 * Only facts that every reference agrees on are here. Classes and uses come from controlled
 * vocabularies, so a wrong option is always a real class or use that belongs to another drug.
 * Where a drug could fairly be described by a second class, or is commonly used for something
 * beyond its first listed use, the table says so (`alsoClasses`, `alsoUsedFor`) and the item
 * builders never offer those as wrong answers.
 *
 * Left out on purpose (not every reference agrees, or the fact depends on the product):
 * dronabinol (C-II oral solution vs C-III capsules), butalbital combinations (some are exempt
 * products), ketamine and esketamine (hospital/REMS use), codeine cough syrups (state rules
 * vary), gabapentin's state schedules (it is asked only as "not federally controlled"),
 * tall-man forms that the confirmed FDA/ISMP lists in domain-facts.md and the ISMP tables do not
 * show (e.g. traMADol/traZODone, levETIRAcetam, LaMICtal), and bisacodyl (the Dulcolax brand
 * also covers a docusate product).
 */

export const DRUG_TABLE_SOURCE =
  "FDA labeling (Drugs@FDA, DailyMed) for names, classes and indications; DEA 21 CFR 1308.12–1308.15 for federal schedules; FDA and ISMP lists of look-alike drug names with recommended tall man letters; ISMP high-alert medication lists (acute care and community/ambulatory)";

export const THERAPEUTIC_AREAS = [
  "cardiovascular",
  "endocrine",
  "respiratory",
  "allergy",
  "gastrointestinal",
  "psychiatry",
  "neurology",
  "pain",
  "musculoskeletal",
  "infection",
  "immunology",
  "oncology",
  "genitourinary",
  "womens-health",
  "dermatology",
  "ophthalmology",
  "renal",
  "nutrition",
  "substance-use",
  "emergency",
] as const;
export type TherapeuticArea = (typeof THERAPEUTIC_AREAS)[number];

interface ClassDef {
  name: string;
  area: TherapeuticArea;
  /** Classes of one family overlap in name or mechanism: never offered against each other. */
  family?: string;
  /** A broad class that other drugs could fairly claim: never offered as a wrong answer. */
  neverDistractor?: boolean;
}

/** The class vocabulary. Names are specific enough that two of them never describe the same drug, except where a drug lists both. */
export const DRUG_CLASSES = {
  // cardiovascular
  statin: { name: "HMG-CoA reductase inhibitor (statin)", area: "cardiovascular" },
  cholesterolAbsorptionInhibitor: { name: "Cholesterol absorption inhibitor", area: "cardiovascular" },
  fibrate: { name: "Fibric acid derivative (fibrate)", area: "cardiovascular" },
  omega3: { name: "Omega-3 fatty acid", area: "cardiovascular" },
  aceInhibitor: { name: "Angiotensin-converting enzyme (ACE) inhibitor", area: "cardiovascular" },
  arb: { name: "Angiotensin II receptor blocker (ARB)", area: "cardiovascular" },
  arni: { name: "Angiotensin receptor–neprilysin inhibitor (ARNI)", area: "cardiovascular" },
  betaBlocker: { name: "Beta-adrenergic blocker", area: "cardiovascular" },
  calciumChannelBlocker: { name: "Calcium channel blocker", area: "cardiovascular" },
  thiazideDiuretic: { name: "Thiazide or thiazide-like diuretic", area: "cardiovascular", family: "diuretic" },
  loopDiuretic: { name: "Loop diuretic", area: "cardiovascular" },
  potassiumSparingDiuretic: { name: "Potassium-sparing diuretic", area: "cardiovascular" },
  alpha2Agonist: { name: "Alpha-2 adrenergic agonist", area: "cardiovascular" },
  alpha1Blocker: { name: "Alpha-1 adrenergic blocker", area: "cardiovascular" },
  vasodilator: { name: "Direct-acting vasodilator", area: "cardiovascular", neverDistractor: true },
  nitrate: { name: "Nitrate", area: "cardiovascular" },
  cardiacGlycoside: { name: "Cardiac glycoside", area: "cardiovascular" },
  antiarrhythmic: { name: "Antiarrhythmic", area: "cardiovascular", neverDistractor: true },
  lateSodiumInhibitor: { name: "Antianginal (late sodium current inhibitor)", area: "cardiovascular" },
  vitaminKAntagonist: { name: "Vitamin K antagonist", area: "cardiovascular" },
  factorXaInhibitor: { name: "Factor Xa inhibitor", area: "cardiovascular" },
  directThrombinInhibitor: { name: "Direct thrombin inhibitor", area: "cardiovascular" },
  lowMolecularWeightHeparin: { name: "Low-molecular-weight heparin", area: "cardiovascular" },
  p2y12Inhibitor: { name: "P2Y12 platelet inhibitor", area: "cardiovascular" },
  potassiumSupplement: { name: "Potassium supplement (electrolyte replacement)", area: "nutrition" },
  // endocrine
  biguanide: { name: "Biguanide", area: "endocrine" },
  sulfonylurea: { name: "Sulfonylurea", area: "endocrine" },
  dpp4Inhibitor: { name: "Dipeptidyl peptidase-4 (DPP-4) inhibitor", area: "endocrine" },
  sglt2Inhibitor: { name: "Sodium-glucose cotransporter-2 (SGLT2) inhibitor", area: "endocrine" },
  glp1Agonist: { name: "GLP-1 receptor agonist", area: "endocrine" },
  gipGlp1Agonist: { name: "Dual GIP and GLP-1 receptor agonist", area: "endocrine" },
  thiazolidinedione: { name: "Thiazolidinedione", area: "endocrine" },
  insulinRapid: { name: "Rapid-acting insulin", area: "endocrine" },
  insulinShort: { name: "Short-acting (regular) insulin", area: "endocrine" },
  insulinIntermediate: { name: "Intermediate-acting (NPH) insulin", area: "endocrine" },
  insulinLong: { name: "Long-acting (basal) insulin", area: "endocrine" },
  thyroidHormone: { name: "Thyroid hormone", area: "endocrine" },
  antithyroid: { name: "Antithyroid agent", area: "endocrine" },
  corticosteroid: { name: "Corticosteroid", area: "endocrine" },
  bisphosphonate: { name: "Bisphosphonate", area: "endocrine" },
  serm: { name: "Selective estrogen receptor modulator (SERM)", area: "womens-health", family: "estrogenic" },
  estrogen: { name: "Estrogen", area: "womens-health", family: "estrogenic" },
  progestin: { name: "Progestin", area: "womens-health", family: "estrogenic" },
  combinedContraceptive: { name: "Combined hormonal contraceptive (estrogen and progestin)", area: "womens-health", family: "estrogenic" },
  androgen: { name: "Androgen", area: "endocrine" },
  glucagon: { name: "Glucagon (antihypoglycemic)", area: "endocrine" },
  vitaminD: { name: "Vitamin D analog", area: "nutrition" },
  xanthineOxidaseInhibitor: { name: "Xanthine oxidase inhibitor", area: "musculoskeletal" },
  antigout: { name: "Antigout agent", area: "musculoskeletal", neverDistractor: true },
  // genitourinary
  fiveAlphaReductaseInhibitor: { name: "5-alpha-reductase inhibitor", area: "genitourinary" },
  pde5Inhibitor: { name: "Phosphodiesterase-5 (PDE-5) inhibitor", area: "genitourinary" },
  oabAntimuscarinic: { name: "Antimuscarinic for overactive bladder", area: "genitourinary", family: "anticholinergic" },
  beta3Agonist: { name: "Beta-3 adrenergic agonist", area: "genitourinary" },
  // respiratory and allergy
  saba: { name: "Short-acting beta-2 agonist (SABA)", area: "respiratory" },
  laba: { name: "Long-acting beta-2 agonist (LABA)", area: "respiratory" },
  sama: { name: "Short-acting muscarinic antagonist (SAMA)", area: "respiratory" },
  lama: { name: "Long-acting muscarinic antagonist (LAMA)", area: "respiratory" },
  leukotrieneAntagonist: { name: "Leukotriene receptor antagonist", area: "respiratory" },
  antihistamineSecondGen: { name: "Antihistamine (H1), second generation", area: "allergy" },
  antihistamineFirstGen: { name: "Antihistamine (H1), first generation", area: "allergy" },
  antitussive: { name: "Antitussive (non-opioid)", area: "respiratory" },
  expectorant: { name: "Expectorant", area: "respiratory" },
  decongestant: { name: "Nasal decongestant", area: "respiratory" },
  adrenergicAgonist: { name: "Adrenergic agonist (sympathomimetic)", area: "emergency", neverDistractor: true },
  // gastrointestinal
  protonPumpInhibitor: { name: "Proton pump inhibitor (PPI)", area: "gastrointestinal" },
  h2Blocker: { name: "Histamine-2 (H2) receptor antagonist", area: "gastrointestinal" },
  serotonin3Antagonist: { name: "5-HT3 receptor antagonist (antiemetic)", area: "gastrointestinal" },
  prokinetic: { name: "Prokinetic agent (dopamine antagonist)", area: "gastrointestinal" },
  osmoticLaxative: { name: "Osmotic laxative", area: "gastrointestinal" },
  stimulantLaxative: { name: "Stimulant laxative", area: "gastrointestinal" },
  stoolSoftener: { name: "Stool softener", area: "gastrointestinal" },
  antidiarrheal: { name: "Antidiarrheal", area: "gastrointestinal" },
  aminosalicylate: { name: "Aminosalicylate", area: "gastrointestinal" },
  giAntispasmodic: { name: "Antispasmodic (GI anticholinergic)", area: "gastrointestinal", family: "anticholinergic" },
  mucosalProtectant: { name: "Mucosal protectant", area: "gastrointestinal" },
  prostaglandinE1: { name: "Prostaglandin E1 analog", area: "gastrointestinal" },
  guanylateCyclaseAgonist: { name: "Guanylate cyclase-C agonist", area: "gastrointestinal" },
  // psychiatry
  ssri: { name: "Selective serotonin reuptake inhibitor (SSRI)", area: "psychiatry" },
  snri: { name: "Serotonin–norepinephrine reuptake inhibitor (SNRI)", area: "psychiatry" },
  tricyclic: { name: "Tricyclic antidepressant (TCA)", area: "psychiatry" },
  atypicalAntidepressant: { name: "Atypical antidepressant", area: "psychiatry" },
  azapirone: { name: "Anxiolytic (azapirone)", area: "psychiatry" },
  benzodiazepine: { name: "Benzodiazepine", area: "psychiatry" },
  zDrug: { name: "Non-benzodiazepine sedative-hypnotic (\"Z-drug\")", area: "psychiatry" },
  orexinAntagonist: { name: "Orexin receptor antagonist", area: "psychiatry" },
  melatoninAgonist: { name: "Melatonin receptor agonist", area: "psychiatry" },
  antipsychoticSecondGen: { name: "Second-generation (atypical) antipsychotic", area: "psychiatry" },
  antipsychoticFirstGen: { name: "First-generation (typical) antipsychotic", area: "psychiatry" },
  lithium: { name: "Mood stabilizer (lithium salt)", area: "psychiatry" },
  cnsStimulant: { name: "CNS stimulant", area: "psychiatry" },
  wakefulness: { name: "Wakefulness-promoting agent", area: "neurology", neverDistractor: true },
  norepinephrineReuptakeInhibitor: { name: "Selective norepinephrine reuptake inhibitor", area: "psychiatry" },
  anorexiant: { name: "Anorexiant (sympathomimetic amine)", area: "endocrine" },
  // neurology
  anticonvulsant: { name: "Anticonvulsant (antiepileptic)", area: "neurology" },
  barbiturate: { name: "Barbiturate", area: "neurology" },
  cholinesteraseInhibitor: { name: "Cholinesterase inhibitor", area: "neurology" },
  nmdaAntagonist: { name: "NMDA receptor antagonist", area: "neurology" },
  dopaminePrecursor: { name: "Dopamine precursor with decarboxylase inhibitor", area: "neurology" },
  dopamineAgonist: { name: "Dopamine agonist", area: "neurology" },
  maoBInhibitor: { name: "Monoamine oxidase-B (MAO-B) inhibitor", area: "neurology" },
  anticholinergicAntiparkinson: { name: "Anticholinergic antiparkinson agent", area: "neurology", family: "anticholinergic" },
  triptan: { name: "Triptan (serotonin 5-HT1B/1D agonist)", area: "neurology" },
  gepant: { name: "CGRP receptor antagonist (gepant)", area: "neurology" },
  ditan: { name: "Serotonin 5-HT1F agonist (ditan)", area: "neurology" },
  muscleRelaxant: { name: "Skeletal muscle relaxant", area: "musculoskeletal" },
  // substance use and emergencies
  nicotinicPartialAgonist: { name: "Nicotinic receptor partial agonist", area: "substance-use" },
  nicotineReplacement: { name: "Nicotine replacement", area: "substance-use" },
  opioidAntagonist: { name: "Opioid antagonist", area: "substance-use" },
  opioidPartialAgonist: { name: "Opioid partial agonist", area: "substance-use", family: "opioid" },
  aldehydeDehydrogenaseInhibitor: { name: "Aldehyde dehydrogenase inhibitor (alcohol deterrent)", area: "substance-use" },
  // pain
  opioid: { name: "Opioid analgesic", area: "pain", family: "opioid" },
  nsaid: { name: "Nonsteroidal anti-inflammatory drug (NSAID)", area: "pain" },
  analgesicAntipyretic: { name: "Non-opioid analgesic and antipyretic (acetaminophen)", area: "pain", neverDistractor: true },
  // infection
  penicillin: { name: "Penicillin antibiotic", area: "infection" },
  cephalosporin: { name: "Cephalosporin antibiotic", area: "infection" },
  macrolide: { name: "Macrolide antibiotic", area: "infection" },
  fluoroquinolone: { name: "Fluoroquinolone antibiotic", area: "infection" },
  tetracycline: { name: "Tetracycline antibiotic", area: "infection" },
  sulfonamide: { name: "Sulfonamide antibiotic", area: "infection" },
  nitrofuran: { name: "Nitrofuran antibacterial", area: "infection" },
  lincosamide: { name: "Lincosamide antibiotic", area: "infection" },
  nitroimidazole: { name: "Nitroimidazole antimicrobial", area: "infection" },
  glycopeptide: { name: "Glycopeptide antibiotic", area: "infection" },
  oxazolidinone: { name: "Oxazolidinone antibiotic", area: "infection" },
  azoleAntifungal: { name: "Azole antifungal", area: "infection" },
  allylamineAntifungal: { name: "Allylamine antifungal", area: "infection" },
  polyeneAntifungal: { name: "Polyene antifungal", area: "infection" },
  neuraminidaseInhibitor: { name: "Neuraminidase inhibitor (antiviral)", area: "infection" },
  herpesAntiviral: { name: "Nucleoside analog antiviral (herpesviruses)", area: "infection" },
  antiretroviral: { name: "Antiretroviral (HIV)", area: "infection" },
  anthelmintic: { name: "Anthelmintic", area: "infection" },
  antimalarial: { name: "Antimalarial", area: "infection" },
  scabicide: { name: "Scabicide and pediculicide", area: "infection" },
  // immunology and oncology
  dmard: { name: "Disease-modifying antirheumatic drug (DMARD)", area: "immunology" },
  tnfInhibitor: { name: "Tumor necrosis factor (TNF) inhibitor", area: "immunology" },
  jakInhibitor: { name: "Janus kinase (JAK) inhibitor", area: "immunology" },
  calcineurinInhibitor: { name: "Calcineurin inhibitor", area: "immunology", family: "immunosuppressant" },
  antiproliferative: { name: "Antiproliferative immunosuppressant", area: "immunology", family: "immunosuppressant" },
  folateAntagonist: { name: "Antimetabolite (folate antagonist)", area: "oncology", family: "immunosuppressant" },
  aromataseInhibitor: { name: "Aromatase inhibitor", area: "oncology" },
  // eye and skin
  prostaglandinF2Alpha: { name: "Prostaglandin F2-alpha analog", area: "ophthalmology" },
  carbonicAnhydraseInhibitor: { name: "Carbonic anhydrase inhibitor", area: "ophthalmology" },
  retinoid: { name: "Retinoid", area: "dermatology" },
} as const satisfies Record<string, ClassDef>;
export type DrugClass = keyof typeof DRUG_CLASSES;

interface IndicationDef {
  text: string;
  area: TherapeuticArea;
}

/** The use vocabulary: short, patient-level wording of labeled indications. */
export const INDICATIONS = {
  hypertension: { text: "High blood pressure (hypertension)", area: "cardiovascular" },
  hyperlipidemia: { text: "High cholesterol (hyperlipidemia)", area: "cardiovascular" },
  hypertriglyceridemia: { text: "Very high triglycerides", area: "cardiovascular" },
  heartFailure: { text: "Heart failure", area: "cardiovascular" },
  angina: { text: "Angina (chest pain from coronary artery disease)", area: "cardiovascular" },
  myocardialInfarction: { text: "Treatment after a heart attack (myocardial infarction)", area: "cardiovascular" },
  cvRiskReduction: { text: "Lowering the risk of heart attack and stroke", area: "cardiovascular" },
  acuteCoronarySyndrome: { text: "Acute coronary syndrome (preventing clots in the heart's arteries)", area: "cardiovascular" },
  atrialFibrillation: { text: "Atrial fibrillation", area: "cardiovascular" },
  ventricularArrhythmia: { text: "Life-threatening ventricular arrhythmias", area: "cardiovascular" },
  thromboembolism: { text: "Preventing and treating blood clots (DVT, PE, stroke in atrial fibrillation)", area: "cardiovascular" },
  edema: { text: "Edema (fluid retention)", area: "cardiovascular" },
  pulmonaryArterialHypertension: { text: "Pulmonary arterial hypertension", area: "cardiovascular" },
  hypokalemia: { text: "Low potassium (hypokalemia)", area: "nutrition" },
  type2Diabetes: { text: "Type 2 diabetes", area: "endocrine" },
  diabetes: { text: "Diabetes (type 1 and type 2)", area: "endocrine" },
  obesity: { text: "Chronic weight management (obesity)", area: "endocrine" },
  hypothyroidism: { text: "Underactive thyroid (hypothyroidism)", area: "endocrine" },
  hyperthyroidism: { text: "Overactive thyroid (hyperthyroidism)", area: "endocrine" },
  osteoporosis: { text: "Osteoporosis", area: "endocrine" },
  hypogonadism: { text: "Low testosterone (male hypogonadism)", area: "endocrine" },
  severeHypoglycemia: { text: "Severe low blood sugar (hypoglycemia)", area: "endocrine" },
  vitaminDDeficiency: { text: "Vitamin D deficiency and related calcium disorders", area: "nutrition" },
  kidneyDiseaseHypocalcemia: { text: "Low calcium and high parathyroid hormone in kidney disease", area: "nutrition" },
  chronicKidneyDisease: { text: "Slowing chronic kidney disease (e.g., diabetic nephropathy)", area: "renal" },
  menopause: { text: "Menopausal symptoms (hot flashes)", area: "womens-health" },
  contraception: { text: "Preventing pregnancy (contraception)", area: "womens-health" },
  emergencyContraception: { text: "Emergency contraception", area: "womens-health" },
  abnormalUterineBleeding: { text: "Abnormal uterine bleeding or missed periods", area: "womens-health" },
  asthma: { text: "Asthma (long-term control)", area: "respiratory" },
  copd: { text: "COPD (chronic obstructive pulmonary disease)", area: "respiratory" },
  bronchospasm: { text: "Quick relief of bronchospasm (rescue inhaler)", area: "respiratory" },
  cough: { text: "Cough", area: "respiratory" },
  chestCongestion: { text: "Chest congestion (loosening mucus)", area: "respiratory" },
  nasalCongestion: { text: "Nasal congestion", area: "respiratory" },
  allergicRhinitis: { text: "Seasonal and year-round allergies (allergic rhinitis)", area: "allergy" },
  urticaria: { text: "Hives and itching", area: "allergy" },
  anaphylaxis: { text: "Emergency treatment of severe allergic reactions (anaphylaxis)", area: "emergency" },
  opioidOverdose: { text: "Emergency treatment of opioid overdose", area: "emergency" },
  gerd: { text: "Heartburn and gastroesophageal reflux disease (GERD)", area: "gastrointestinal" },
  pepticUlcer: { text: "Stomach and duodenal ulcers", area: "gastrointestinal" },
  nsaidUlcerPrevention: { text: "Preventing NSAID-induced stomach ulcers", area: "gastrointestinal" },
  nauseaVomiting: { text: "Nausea and vomiting", area: "gastrointestinal" },
  motionSickness: { text: "Motion sickness", area: "gastrointestinal" },
  constipation: { text: "Constipation", area: "gastrointestinal" },
  diarrhea: { text: "Diarrhea", area: "gastrointestinal" },
  ulcerativeColitis: { text: "Ulcerative colitis", area: "gastrointestinal" },
  crohnsDisease: { text: "Crohn's disease", area: "gastrointestinal" },
  irritableBowel: { text: "Irritable bowel syndrome", area: "gastrointestinal" },
  gastroparesis: { text: "Diabetic gastroparesis", area: "gastrointestinal" },
  hepaticEncephalopathy: { text: "Hepatic encephalopathy", area: "gastrointestinal" },
  depression: { text: "Depression (major depressive disorder)", area: "psychiatry" },
  anxiety: { text: "Anxiety disorders", area: "psychiatry" },
  panicDisorder: { text: "Panic disorder", area: "psychiatry" },
  ocd: { text: "Obsessive-compulsive disorder", area: "psychiatry" },
  insomnia: { text: "Insomnia", area: "psychiatry" },
  schizophrenia: { text: "Schizophrenia", area: "psychiatry" },
  bipolar: { text: "Bipolar disorder", area: "psychiatry" },
  adhd: { text: "Attention-deficit/hyperactivity disorder (ADHD)", area: "psychiatry" },
  narcolepsy: { text: "Narcolepsy and excessive daytime sleepiness", area: "neurology" },
  seizures: { text: "Seizures (epilepsy)", area: "neurology" },
  migraineAcute: { text: "Treating a migraine attack", area: "neurology" },
  migrainePrevention: { text: "Preventing migraine", area: "neurology" },
  parkinsons: { text: "Parkinson's disease", area: "neurology" },
  restlessLegs: { text: "Restless legs syndrome", area: "neurology" },
  alzheimers: { text: "Alzheimer's dementia", area: "neurology" },
  essentialTremor: { text: "Essential tremor", area: "neurology" },
  vertigo: { text: "Vertigo", area: "neurology" },
  extrapyramidalSymptoms: { text: "Drug-induced movement disorders (extrapyramidal symptoms)", area: "neurology" },
  opioidPain: { text: "Pain severe enough to require an opioid analgesic", area: "pain" },
  mildPainFever: { text: "Mild to moderate pain and fever", area: "pain" },
  shortTermAcutePain: { text: "Short-term (up to 5 days) treatment of moderately severe acute pain", area: "pain" },
  neuropathicPain: { text: "Nerve pain (e.g., diabetic neuropathy, postherpetic neuralgia)", area: "pain" },
  fibromyalgia: { text: "Fibromyalgia", area: "pain" },
  trigeminalNeuralgia: { text: "Trigeminal neuralgia", area: "pain" },
  arthritis: { text: "Osteoarthritis and rheumatoid arthritis pain and inflammation", area: "musculoskeletal" },
  rheumatoidArthritis: { text: "Rheumatoid arthritis (disease control)", area: "musculoskeletal" },
  gout: { text: "Gout", area: "musculoskeletal" },
  muscleSpasm: { text: "Muscle spasm from acute musculoskeletal conditions", area: "musculoskeletal" },
  spasticity: { text: "Spasticity (e.g., multiple sclerosis, spinal cord injury)", area: "musculoskeletal" },
  bacterialInfections: { text: "Bacterial infections", area: "infection" },
  urinaryTractInfection: { text: "Urinary tract infections", area: "infection" },
  clostridioidesDifficile: { text: "C. difficile-associated diarrhea", area: "infection" },
  influenza: { text: "Influenza (flu)", area: "infection" },
  herpes: { text: "Herpes infections (cold sores, genital herpes, shingles)", area: "infection" },
  fungalInfections: { text: "Fungal and yeast infections", area: "infection" },
  onychomycosis: { text: "Fungal nail infections (onychomycosis)", area: "infection" },
  hiv: { text: "HIV infection", area: "infection" },
  hivPrep: { text: "HIV pre-exposure prophylaxis (PrEP)", area: "infection" },
  parasiticWorms: { text: "Parasitic worm infections (e.g., strongyloidiasis)", area: "infection" },
  malaria: { text: "Malaria", area: "infection" },
  protozoalInfections: { text: "Trichomoniasis and other protozoal infections", area: "infection" },
  scabiesLice: { text: "Scabies and head lice", area: "infection" },
  lupus: { text: "Lupus", area: "immunology" },
  transplantRejection: { text: "Preventing organ transplant rejection", area: "immunology" },
  breastCancer: { text: "Breast cancer", area: "oncology" },
  cancer: { text: "Certain cancers", area: "oncology" },
  bph: { text: "Enlarged prostate (benign prostatic hyperplasia)", area: "genitourinary" },
  erectileDysfunction: { text: "Erectile dysfunction", area: "genitourinary" },
  overactiveBladder: { text: "Overactive bladder", area: "genitourinary" },
  hairLoss: { text: "Male pattern hair loss", area: "dermatology" },
  acne: { text: "Acne", area: "dermatology" },
  severeAcne: { text: "Severe recalcitrant nodular acne", area: "dermatology" },
  psoriasis: { text: "Plaque psoriasis", area: "dermatology" },
  dermatoses: { text: "Inflammatory skin conditions (eczema, dermatitis)", area: "dermatology" },
  glaucoma: { text: "Glaucoma (high eye pressure)", area: "ophthalmology" },
  smokingCessation: { text: "Quitting smoking", area: "substance-use" },
  opioidUseDisorder: { text: "Opioid use disorder", area: "substance-use" },
  alcoholUseDisorder: { text: "Alcohol use disorder", area: "substance-use" },
  alcoholWithdrawal: { text: "Alcohol withdrawal", area: "substance-use" },
} as const satisfies Record<string, IndicationDef>;
export type Indication = keyof typeof INDICATIONS;

export const DEA_SCHEDULES = ["C-II", "C-III", "C-IV", "C-V"] as const;
export type DeaSchedule = (typeof DEA_SCHEDULES)[number];

interface HighAlertCategoryDef {
  name: string;
  /** The harm ISMP's listing guards against, in a few words. */
  harm: string;
}

/** ISMP high-alert categories, as the acute care and community/ambulatory lists name them. */
export const HIGH_ALERT_CATEGORIES = {
  insulin: { name: "Insulin, all formulations", harm: "severe hypoglycemia" },
  opioid: { name: "Opioids, all formulations", harm: "respiratory depression and oversedation" },
  antithrombotic: { name: "Antithrombotic agents (anticoagulants)", harm: "serious bleeding" },
  oralHypoglycemic: { name: "Oral hypoglycemic agents", harm: "severe hypoglycemia" },
  immunosuppressant: { name: "Immunosuppressant agents", harm: "organ rejection or toxicity when doses are wrong" },
  antiretroviral: { name: "Antiretroviral agents", harm: "treatment failure and resistance when doses or drugs are wrong" },
  pregnancyX: { name: "Drugs that can cause birth defects (pregnancy category X)", harm: "birth defects" },
  named: { name: "Listed individually by name", harm: "serious harm from dosing errors" },
} as const satisfies Record<string, HighAlertCategoryDef>;
export type HighAlertCategory = keyof typeof HIGH_ALERT_CATEGORIES;

export type HighAlertSetting = "acute care" | "community/ambulatory";

export interface DrugFact {
  /** Lowercase generic name; combination products joined by "/". */
  generic: string;
  /** Qualifies the generic when the table lists one form of it (e.g. "nasal spray"). */
  form?: string;
  /** Current or classic, widely known US brand names; the first is the one asked for. May be empty (no widely known brand). */
  brands: readonly string[];
  /** The first is the class asked for; any others also describe the drug and are never offered as wrong answers. */
  classes: readonly DrugClass[];
  /** Classes a reader could fairly argue describe the drug: never offered as wrong answers, never asked. */
  alsoClasses?: readonly DrugClass[];
  /** Labeled uses; the first is the one asked for. */
  uses: readonly Indication[];
  /** Other common uses (off-label or of another product of the same drug): never offered as wrong answers. */
  alsoUsedFor?: readonly Indication[];
  /** Labeling so broad (systemic corticosteroids) that no use can safely be a wrong answer: no use question. */
  skipUseQuestion?: boolean;
  /** Federal DEA schedule (21 CFR 1308), or null when not federally controlled. */
  schedule: DeaSchedule | null;
  /** Why a schedule is easy to get wrong (e.g. a rescheduling); shown in explanations. */
  scheduleNote?: string;
  /** Ask its schedule even though it is not federally controlled (commonly mistaken for a controlled drug). */
  askSchedule?: boolean;
  /** The generic's tall man form on the FDA or ISMP list (see TALL_MAN_PAIRS). */
  tallMan?: string;
  highAlert?: { category: HighAlertCategory; settings: readonly HighAlertSetting[] };
}

type Extra = Omit<DrugFact, "generic" | "brands" | "classes" | "uses" | "schedule">;

function d(generic: string, brands: string[], classes: DrugClass[], uses: Indication[], schedule: DeaSchedule | null = null, extra: Extra = {}): DrugFact {
  return { generic, brands, classes, uses, schedule, ...extra };
}

const BOTH: HighAlertSetting[] = ["acute care", "community/ambulatory"];
const ACUTE: HighAlertSetting[] = ["acute care"];
const COMMUNITY: HighAlertSetting[] = ["community/ambulatory"];
const OPIOID_ALERT = { category: "opioid", settings: BOTH } as const;
const INSULIN_ALERT = { category: "insulin", settings: BOTH } as const;
const APAP_COMBO: Extra = { alsoClasses: ["analgesicAntipyretic"] };

export const DRUGS: readonly DrugFact[] = [
  // Lipids
  d("atorvastatin", ["Lipitor"], ["statin"], ["hyperlipidemia", "cvRiskReduction"]),
  d("simvastatin", ["Zocor"], ["statin"], ["hyperlipidemia", "cvRiskReduction"]),
  d("rosuvastatin", ["Crestor"], ["statin"], ["hyperlipidemia", "cvRiskReduction"]),
  d("pravastatin", ["Pravachol"], ["statin"], ["hyperlipidemia", "cvRiskReduction"]),
  d("lovastatin", ["Mevacor", "Altoprev"], ["statin"], ["hyperlipidemia", "cvRiskReduction"]),
  d("pitavastatin", ["Livalo"], ["statin"], ["hyperlipidemia"]),
  d("ezetimibe", ["Zetia"], ["cholesterolAbsorptionInhibitor"], ["hyperlipidemia"]),
  d("ezetimibe/simvastatin", ["Vytorin"], ["cholesterolAbsorptionInhibitor", "statin"], ["hyperlipidemia"]),
  d("fenofibrate", ["Tricor"], ["fibrate"], ["hypertriglyceridemia", "hyperlipidemia"]),
  d("gemfibrozil", ["Lopid"], ["fibrate"], ["hypertriglyceridemia", "cvRiskReduction"]),
  d("icosapent ethyl", ["Vascepa"], ["omega3"], ["hypertriglyceridemia", "cvRiskReduction"]),
  d("omega-3-acid ethyl esters", ["Lovaza"], ["omega3"], ["hypertriglyceridemia"]),
  // Renin–angiotensin system
  d("lisinopril", ["Zestril", "Prinivil"], ["aceInhibitor"], ["hypertension", "heartFailure", "myocardialInfarction"], null, { alsoUsedFor: ["chronicKidneyDisease"] }),
  d("enalapril", ["Vasotec"], ["aceInhibitor"], ["hypertension", "heartFailure"], null, { alsoUsedFor: ["chronicKidneyDisease"] }),
  d("benazepril", ["Lotensin"], ["aceInhibitor"], ["hypertension"], null, { alsoUsedFor: ["chronicKidneyDisease", "heartFailure"] }),
  d("ramipril", ["Altace"], ["aceInhibitor"], ["hypertension", "cvRiskReduction", "heartFailure"], null, { alsoUsedFor: ["chronicKidneyDisease"] }),
  d("quinapril", ["Accupril"], ["aceInhibitor"], ["hypertension", "heartFailure"], null, { alsoUsedFor: ["chronicKidneyDisease"] }),
  d("captopril", ["Capoten"], ["aceInhibitor"], ["hypertension", "heartFailure", "myocardialInfarction", "chronicKidneyDisease"]),
  d("lisinopril/hydrochlorothiazide", ["Zestoretic"], ["aceInhibitor", "thiazideDiuretic"], ["hypertension"]),
  d("amlodipine/benazepril", ["Lotrel"], ["calciumChannelBlocker", "aceInhibitor"], ["hypertension"]),
  d("losartan", ["Cozaar"], ["arb"], ["hypertension", "chronicKidneyDisease", "cvRiskReduction"], null, { alsoUsedFor: ["heartFailure"] }),
  d("valsartan", ["Diovan"], ["arb"], ["hypertension", "heartFailure", "myocardialInfarction"], null, { alsoUsedFor: ["chronicKidneyDisease"] }),
  d("irbesartan", ["Avapro"], ["arb"], ["hypertension", "chronicKidneyDisease"]),
  d("olmesartan", ["Benicar"], ["arb"], ["hypertension"], null, { alsoUsedFor: ["chronicKidneyDisease"] }),
  d("telmisartan", ["Micardis"], ["arb"], ["hypertension", "cvRiskReduction"], null, { alsoUsedFor: ["chronicKidneyDisease"] }),
  d("candesartan", ["Atacand"], ["arb"], ["hypertension", "heartFailure"], null, { alsoUsedFor: ["chronicKidneyDisease"] }),
  d("losartan/hydrochlorothiazide", ["Hyzaar"], ["arb", "thiazideDiuretic"], ["hypertension"]),
  d("valsartan/hydrochlorothiazide", ["Diovan HCT"], ["arb", "thiazideDiuretic"], ["hypertension"]),
  d("sacubitril/valsartan", ["Entresto"], ["arni"], ["heartFailure"]),
  // Beta blockers
  d("metoprolol tartrate", ["Lopressor"], ["betaBlocker"], ["hypertension", "angina", "myocardialInfarction"], null, { alsoUsedFor: ["atrialFibrillation", "heartFailure"] }),
  d("metoprolol succinate", ["Toprol-XL"], ["betaBlocker"], ["hypertension", "angina", "heartFailure"], null, { alsoUsedFor: ["atrialFibrillation"] }),
  d("atenolol", ["Tenormin"], ["betaBlocker"], ["hypertension", "angina", "myocardialInfarction"], null, { alsoUsedFor: ["atrialFibrillation"] }),
  d("carvedilol", ["Coreg"], ["betaBlocker"], ["heartFailure", "hypertension", "myocardialInfarction"], null, { alsoClasses: ["alpha1Blocker"], alsoUsedFor: ["atrialFibrillation"] }),
  d("propranolol", ["Inderal"], ["betaBlocker"], ["hypertension", "angina", "atrialFibrillation", "myocardialInfarction", "migrainePrevention", "essentialTremor"], null, { alsoUsedFor: ["anxiety", "hyperthyroidism"] }),
  d("bisoprolol", ["Zebeta"], ["betaBlocker"], ["hypertension"], null, { alsoUsedFor: ["heartFailure", "atrialFibrillation"] }),
  d("nebivolol", ["Bystolic"], ["betaBlocker"], ["hypertension"]),
  d("labetalol", ["Trandate"], ["betaBlocker"], ["hypertension"], null, { alsoClasses: ["alpha1Blocker"] }),
  d("nadolol", ["Corgard"], ["betaBlocker"], ["hypertension", "angina"]),
  // Calcium channel blockers
  d("amlodipine", ["Norvasc"], ["calciumChannelBlocker"], ["hypertension", "angina"], null, { tallMan: "amLODIPine" }),
  d("diltiazem", ["Cardizem"], ["calciumChannelBlocker"], ["hypertension", "angina"], null, { alsoClasses: ["antiarrhythmic"], alsoUsedFor: ["atrialFibrillation"] }),
  d("verapamil", ["Calan"], ["calciumChannelBlocker"], ["hypertension", "angina", "atrialFibrillation"], null, { alsoClasses: ["antiarrhythmic"] }),
  d("nifedipine", ["Procardia", "Adalat CC"], ["calciumChannelBlocker"], ["angina", "hypertension"], null, { tallMan: "NIFEdipine" }),
  d("felodipine", ["Plendil"], ["calciumChannelBlocker"], ["hypertension"]),
  // Diuretics
  d("hydrochlorothiazide", ["Microzide"], ["thiazideDiuretic"], ["hypertension", "edema"]),
  d("chlorthalidone", ["Thalitone"], ["thiazideDiuretic"], ["hypertension", "edema"]),
  d("metolazone", ["Zaroxolyn"], ["thiazideDiuretic"], ["edema", "hypertension"]),
  d("furosemide", ["Lasix"], ["loopDiuretic"], ["edema", "hypertension"], null, { alsoUsedFor: ["heartFailure"] }),
  d("bumetanide", ["Bumex"], ["loopDiuretic"], ["edema"], null, { alsoUsedFor: ["heartFailure"] }),
  d("torsemide", ["Demadex"], ["loopDiuretic"], ["edema", "hypertension"], null, { alsoUsedFor: ["heartFailure"] }),
  d("spironolactone", ["Aldactone"], ["potassiumSparingDiuretic"], ["heartFailure", "hypertension", "edema"], null, { alsoUsedFor: ["acne"] }),
  d("triamterene/hydrochlorothiazide", ["Maxzide", "Dyazide"], ["potassiumSparingDiuretic", "thiazideDiuretic"], ["hypertension", "edema"]),
  // Other cardiovascular
  d("clonidine", ["Catapres"], ["alpha2Agonist"], ["hypertension", "adhd"], null, { tallMan: "cloNIDine", alsoUsedFor: ["opioidUseDisorder", "anxiety"] }),
  d("guanfacine", ["Intuniv", "Tenex"], ["alpha2Agonist"], ["adhd", "hypertension"], null, { tallMan: "guanFACINE" }),
  d("doxazosin", ["Cardura"], ["alpha1Blocker"], ["hypertension", "bph"]),
  d("terazosin", ["Hytrin"], ["alpha1Blocker"], ["hypertension", "bph"]),
  d("prazosin", ["Minipress"], ["alpha1Blocker"], ["hypertension"], null, { alsoUsedFor: ["bph", "anxiety"] }),
  d("tamsulosin", ["Flomax"], ["alpha1Blocker"], ["bph"]),
  d("alfuzosin", ["Uroxatral"], ["alpha1Blocker"], ["bph"]),
  d("hydralazine", ["Apresoline"], ["vasodilator"], ["hypertension"], null, { tallMan: "hydrALAZINE", alsoUsedFor: ["heartFailure"] }),
  d("nitroglycerin", ["Nitrostat"], ["nitrate"], ["angina"], null, { form: "sublingual", alsoClasses: ["vasodilator"] }),
  d("isosorbide mononitrate", ["Imdur"], ["nitrate"], ["angina"], null, { alsoClasses: ["vasodilator"] }),
  d("isosorbide dinitrate", ["Isordil"], ["nitrate"], ["angina"], null, { alsoClasses: ["vasodilator"], alsoUsedFor: ["heartFailure"] }),
  d("digoxin", ["Lanoxin"], ["cardiacGlycoside"], ["heartFailure", "atrialFibrillation"], null, { alsoClasses: ["antiarrhythmic"] }),
  d("amiodarone", ["Pacerone", "Cordarone"], ["antiarrhythmic"], ["ventricularArrhythmia"], null, { alsoClasses: ["betaBlocker", "calciumChannelBlocker"], alsoUsedFor: ["atrialFibrillation"] }),
  d("flecainide", ["Tambocor"], ["antiarrhythmic"], ["atrialFibrillation", "ventricularArrhythmia"]),
  d("sotalol", ["Betapace"], ["antiarrhythmic", "betaBlocker"], ["ventricularArrhythmia", "atrialFibrillation"]),
  d("dronedarone", ["Multaq"], ["antiarrhythmic"], ["atrialFibrillation"], null, { alsoClasses: ["betaBlocker", "calciumChannelBlocker"] }),
  d("ranolazine", ["Ranexa"], ["lateSodiumInhibitor"], ["angina"]),
  d("warfarin", ["Coumadin", "Jantoven"], ["vitaminKAntagonist"], ["thromboembolism", "myocardialInfarction"], null, { highAlert: { category: "antithrombotic", settings: BOTH } }),
  d("apixaban", ["Eliquis"], ["factorXaInhibitor"], ["thromboembolism"], null, { highAlert: { category: "antithrombotic", settings: ACUTE } }),
  d("rivaroxaban", ["Xarelto"], ["factorXaInhibitor"], ["thromboembolism", "cvRiskReduction"], null, { highAlert: { category: "antithrombotic", settings: ACUTE } }),
  d("dabigatran", ["Pradaxa"], ["directThrombinInhibitor"], ["thromboembolism"], null, { highAlert: { category: "antithrombotic", settings: ACUTE } }),
  d("enoxaparin", ["Lovenox"], ["lowMolecularWeightHeparin"], ["thromboembolism", "acuteCoronarySyndrome"], null, { highAlert: { category: "antithrombotic", settings: BOTH } }),
  d("clopidogrel", ["Plavix"], ["p2y12Inhibitor"], ["acuteCoronarySyndrome", "cvRiskReduction"]),
  d("prasugrel", ["Effient"], ["p2y12Inhibitor"], ["acuteCoronarySyndrome"]),
  d("ticagrelor", ["Brilinta"], ["p2y12Inhibitor"], ["acuteCoronarySyndrome", "cvRiskReduction"]),
  d("potassium chloride", ["Klor-Con", "K-Dur"], ["potassiumSupplement"], ["hypokalemia"]),
  // Diabetes
  d("metformin", ["Glucophage"], ["biguanide"], ["type2Diabetes"], null, { tallMan: "metFORMIN", highAlert: { category: "oralHypoglycemic", settings: COMMUNITY } }),
  d("glipizide", ["Glucotrol"], ["sulfonylurea"], ["type2Diabetes"], null, { tallMan: "glipiZIDE", highAlert: { category: "oralHypoglycemic", settings: BOTH } }),
  d("glyburide", ["DiaBeta", "Glynase"], ["sulfonylurea"], ["type2Diabetes"], null, { tallMan: "glyBURIDE", highAlert: { category: "oralHypoglycemic", settings: BOTH } }),
  d("glimepiride", ["Amaryl"], ["sulfonylurea"], ["type2Diabetes"], null, { highAlert: { category: "oralHypoglycemic", settings: BOTH } }),
  d("sitagliptin", ["Januvia"], ["dpp4Inhibitor"], ["type2Diabetes"]),
  d("sitagliptin/metformin", ["Janumet"], ["dpp4Inhibitor", "biguanide"], ["type2Diabetes"]),
  d("linagliptin", ["Tradjenta"], ["dpp4Inhibitor"], ["type2Diabetes"]),
  d("saxagliptin", ["Onglyza"], ["dpp4Inhibitor"], ["type2Diabetes"]),
  d("alogliptin", ["Nesina"], ["dpp4Inhibitor"], ["type2Diabetes"]),
  d("empagliflozin", ["Jardiance"], ["sglt2Inhibitor"], ["type2Diabetes", "heartFailure", "chronicKidneyDisease", "cvRiskReduction"]),
  d("dapagliflozin", ["Farxiga"], ["sglt2Inhibitor"], ["type2Diabetes", "heartFailure", "chronicKidneyDisease"]),
  d("canagliflozin", ["Invokana"], ["sglt2Inhibitor"], ["type2Diabetes", "cvRiskReduction", "chronicKidneyDisease"]),
  d("pioglitazone", ["Actos"], ["thiazolidinedione"], ["type2Diabetes"]),
  d("semaglutide", ["Ozempic", "Rybelsus", "Wegovy"], ["glp1Agonist"], ["type2Diabetes", "obesity", "cvRiskReduction"], null, { alsoClasses: ["anorexiant"] }),
  d("liraglutide", ["Victoza", "Saxenda"], ["glp1Agonist"], ["type2Diabetes", "obesity", "cvRiskReduction"], null, { alsoClasses: ["anorexiant"] }),
  d("dulaglutide", ["Trulicity"], ["glp1Agonist"], ["type2Diabetes", "cvRiskReduction"]),
  d("exenatide", ["Byetta"], ["glp1Agonist"], ["type2Diabetes"]),
  d("tirzepatide", ["Mounjaro", "Zepbound"], ["gipGlp1Agonist"], ["type2Diabetes", "obesity"], null, { alsoClasses: ["glp1Agonist", "anorexiant"] }),
  d("insulin glargine", ["Lantus", "Basaglar", "Toujeo"], ["insulinLong"], ["diabetes"], null, { highAlert: INSULIN_ALERT }),
  d("insulin detemir", ["Levemir"], ["insulinLong"], ["diabetes"], null, { highAlert: INSULIN_ALERT }),
  d("insulin degludec", ["Tresiba"], ["insulinLong"], ["diabetes"], null, { highAlert: INSULIN_ALERT }),
  d("insulin lispro", ["Humalog", "Admelog"], ["insulinRapid"], ["diabetes"], null, { highAlert: INSULIN_ALERT }),
  d("insulin aspart", ["NovoLog", "Fiasp"], ["insulinRapid"], ["diabetes"], null, { highAlert: INSULIN_ALERT }),
  d("insulin glulisine", ["Apidra"], ["insulinRapid"], ["diabetes"], null, { highAlert: INSULIN_ALERT }),
  d("insulin regular (human)", ["Humulin R", "Novolin R"], ["insulinShort"], ["diabetes"], null, { highAlert: INSULIN_ALERT }),
  d("insulin NPH (human isophane)", ["Humulin N", "Novolin N"], ["insulinIntermediate"], ["diabetes"], null, { highAlert: INSULIN_ALERT }),
  d("glucagon", ["GlucaGen", "Gvoke", "Baqsimi"], ["glucagon"], ["severeHypoglycemia"]),
  // Thyroid, steroids, bone, hormones
  d("levothyroxine", ["Synthroid", "Levoxyl", "Unithroid"], ["thyroidHormone"], ["hypothyroidism"]),
  d("liothyronine", ["Cytomel"], ["thyroidHormone"], ["hypothyroidism"]),
  d("thyroid (desiccated)", ["Armour Thyroid"], ["thyroidHormone"], ["hypothyroidism"]),
  d("methimazole", ["Tapazole"], ["antithyroid"], ["hyperthyroidism"]),
  d("propylthiouracil", [], ["antithyroid"], ["hyperthyroidism"], null, { highAlert: { category: "named", settings: COMMUNITY } }),
  d("prednisone", ["Deltasone", "Rayos"], ["corticosteroid"], ["asthma"], null, { skipUseQuestion: true, tallMan: "predniSONE" }),
  d("prednisolone", ["Orapred", "Millipred"], ["corticosteroid"], ["asthma"], null, { skipUseQuestion: true, tallMan: "prednisoLONE" }),
  d("methylprednisolone", ["Medrol", "Solu-Medrol", "Depo-Medrol"], ["corticosteroid"], ["asthma"], null, { skipUseQuestion: true, tallMan: "methylPREDNISolone" }),
  d("dexamethasone", ["Decadron"], ["corticosteroid"], ["asthma"], null, { skipUseQuestion: true }),
  d("hydrocortisone", ["Cortef"], ["corticosteroid"], ["asthma"], null, { form: "oral", skipUseQuestion: true }),
  d("fluticasone propionate", ["Flonase"], ["corticosteroid"], ["allergicRhinitis"], null, { form: "nasal spray" }),
  d("mometasone", ["Nasonex"], ["corticosteroid"], ["allergicRhinitis"], null, { form: "nasal spray" }),
  d("triamcinolone", ["Nasacort"], ["corticosteroid"], ["allergicRhinitis"], null, { form: "nasal spray" }),
  d("budesonide", ["Pulmicort"], ["corticosteroid"], ["asthma"], null, { form: "inhalation" }),
  d("fluticasone", ["Flovent"], ["corticosteroid"], ["asthma"], null, { form: "inhalation" }),
  d("beclomethasone", ["Qvar"], ["corticosteroid"], ["asthma"], null, { form: "inhalation" }),
  d("mometasone", ["Asmanex"], ["corticosteroid"], ["asthma"], null, { form: "inhalation" }),
  d("alendronate", ["Fosamax"], ["bisphosphonate"], ["osteoporosis"]),
  d("ibandronate", ["Boniva"], ["bisphosphonate"], ["osteoporosis"]),
  d("risedronate", ["Actonel"], ["bisphosphonate"], ["osteoporosis"]),
  d("raloxifene", ["Evista"], ["serm"], ["osteoporosis", "breastCancer"]),
  d("estradiol", ["Estrace", "Climara"], ["estrogen"], ["menopause", "osteoporosis"], null, { alsoUsedFor: ["breastCancer", "cancer"] }),
  d("conjugated estrogens", ["Premarin"], ["estrogen"], ["menopause", "osteoporosis"], null, { alsoUsedFor: ["breastCancer", "cancer"] }),
  d("medroxyprogesterone", ["Provera", "Depo-Provera"], ["progestin"], ["abnormalUterineBleeding", "contraception"], null, { tallMan: "medroxyPROGESTERone", alsoUsedFor: ["cancer", "menopause"] }),
  d("drospirenone/ethinyl estradiol", ["Yaz", "Yasmin"], ["combinedContraceptive"], ["contraception"], null, { alsoClasses: ["estrogen", "progestin"], alsoUsedFor: ["acne"] }),
  d("norgestimate/ethinyl estradiol", ["Ortho Tri-Cyclen"], ["combinedContraceptive"], ["contraception"], null, { alsoClasses: ["estrogen", "progestin"], alsoUsedFor: ["acne"] }),
  d("etonogestrel/ethinyl estradiol", ["NuvaRing"], ["combinedContraceptive"], ["contraception"], null, { form: "vaginal ring", alsoClasses: ["estrogen", "progestin"] }),
  d("levonorgestrel", ["Plan B One-Step"], ["progestin"], ["emergencyContraception"], null, { alsoUsedFor: ["contraception"] }),
  d("testosterone", ["AndroGel", "Depo-Testosterone"], ["androgen"], ["hypogonadism"], "C-III", { scheduleNote: "testosterone is an anabolic steroid, and anabolic steroids are Schedule III" }),
  // Urology
  d("finasteride", ["Proscar", "Propecia"], ["fiveAlphaReductaseInhibitor"], ["bph", "hairLoss"]),
  d("dutasteride", ["Avodart"], ["fiveAlphaReductaseInhibitor"], ["bph"]),
  d("sildenafil", ["Viagra", "Revatio"], ["pde5Inhibitor"], ["erectileDysfunction", "pulmonaryArterialHypertension"], null, { alsoClasses: ["vasodilator"] }),
  d("tadalafil", ["Cialis", "Adcirca"], ["pde5Inhibitor"], ["erectileDysfunction", "bph", "pulmonaryArterialHypertension"], null, { alsoClasses: ["vasodilator"] }),
  d("oxybutynin", ["Ditropan"], ["oabAntimuscarinic"], ["overactiveBladder"]),
  d("tolterodine", ["Detrol"], ["oabAntimuscarinic"], ["overactiveBladder"]),
  d("solifenacin", ["Vesicare"], ["oabAntimuscarinic"], ["overactiveBladder"]),
  d("mirabegron", ["Myrbetriq"], ["beta3Agonist"], ["overactiveBladder"]),
  // Gout
  d("allopurinol", ["Zyloprim"], ["xanthineOxidaseInhibitor"], ["gout"], null, { alsoClasses: ["antigout"] }),
  d("febuxostat", ["Uloric"], ["xanthineOxidaseInhibitor"], ["gout"], null, { alsoClasses: ["antigout"] }),
  d("colchicine", ["Colcrys", "Mitigare"], ["antigout"], ["gout"]),
  // Respiratory and allergy
  d("albuterol", ["ProAir", "Ventolin", "Proventil"], ["saba"], ["bronchospasm", "asthma", "copd"]),
  d("levalbuterol", ["Xopenex"], ["saba"], ["bronchospasm", "asthma"], null, { alsoUsedFor: ["copd"] }),
  d("ipratropium", ["Atrovent"], ["sama"], ["copd"], null, { alsoUsedFor: ["bronchospasm", "allergicRhinitis"] }),
  d("ipratropium/albuterol", ["Combivent", "DuoNeb"], ["sama", "saba"], ["copd"]),
  d("tiotropium", ["Spiriva"], ["lama"], ["copd", "asthma"]),
  d("umeclidinium", ["Incruse Ellipta"], ["lama"], ["copd"]),
  d("salmeterol", ["Serevent"], ["laba"], ["asthma", "copd"]),
  d("fluticasone/salmeterol", ["Advair"], ["corticosteroid", "laba"], ["asthma", "copd"]),
  d("budesonide/formoterol", ["Symbicort"], ["corticosteroid", "laba"], ["asthma", "copd"]),
  d("fluticasone furoate/vilanterol", ["Breo Ellipta"], ["corticosteroid", "laba"], ["asthma", "copd"]),
  d("mometasone/formoterol", ["Dulera"], ["corticosteroid", "laba"], ["asthma"]),
  d("fluticasone furoate/umeclidinium/vilanterol", ["Trelegy Ellipta"], ["corticosteroid", "lama", "laba"], ["copd", "asthma"]),
  d("montelukast", ["Singulair"], ["leukotrieneAntagonist"], ["asthma", "allergicRhinitis", "bronchospasm"]),
  d("cetirizine", ["Zyrtec"], ["antihistamineSecondGen"], ["allergicRhinitis", "urticaria"]),
  d("levocetirizine", ["Xyzal"], ["antihistamineSecondGen"], ["allergicRhinitis", "urticaria"]),
  d("loratadine", ["Claritin"], ["antihistamineSecondGen"], ["allergicRhinitis", "urticaria"]),
  d("desloratadine", ["Clarinex"], ["antihistamineSecondGen"], ["allergicRhinitis", "urticaria"]),
  d("fexofenadine", ["Allegra"], ["antihistamineSecondGen"], ["allergicRhinitis", "urticaria"]),
  d("diphenhydramine", ["Benadryl"], ["antihistamineFirstGen"], ["allergicRhinitis", "urticaria", "insomnia", "motionSickness"], null, { tallMan: "diphenhydrAMINE", alsoUsedFor: ["extrapyramidalSymptoms", "parkinsons", "cough"] }),
  d("hydroxyzine", ["Vistaril", "Atarax"], ["antihistamineFirstGen"], ["anxiety", "urticaria"], null, { tallMan: "hydrOXYzine", alsoUsedFor: ["insomnia", "nauseaVomiting"] }),
  d("promethazine", ["Phenergan"], ["antihistamineFirstGen"], ["allergicRhinitis", "nauseaVomiting", "motionSickness"], null, { alsoUsedFor: ["insomnia", "cough"] }),
  d("meclizine", ["Antivert"], ["antihistamineFirstGen"], ["vertigo", "motionSickness"]),
  d("dimenhydrinate", ["Dramamine"], ["antihistamineFirstGen"], ["motionSickness"], null, { tallMan: "dimenhyDRINATE", alsoUsedFor: ["vertigo"] }),
  d("benzonatate", ["Tessalon"], ["antitussive"], ["cough"]),
  d("guaifenesin", ["Mucinex"], ["expectorant"], ["chestCongestion"], null, { tallMan: "guaiFENesin", alsoUsedFor: ["cough"] }),
  d("pseudoephedrine", ["Sudafed"], ["decongestant"], ["nasalCongestion"], null, {
    alsoClasses: ["adrenergicAgonist"],
    askSchedule: true,
    scheduleNote: "pseudoephedrine is not a scheduled controlled substance; its retail sale is limited by the Combat Methamphetamine Epidemic Act (behind the counter, logbook, daily and 30-day limits)",
  }),
  d("epinephrine", ["EpiPen", "Auvi-Q"], ["adrenergicAgonist"], ["anaphylaxis"], null, { form: "auto-injector" }),
  // Gastrointestinal
  d("omeprazole", ["Prilosec"], ["protonPumpInhibitor"], ["gerd", "pepticUlcer"]),
  d("esomeprazole", ["Nexium"], ["protonPumpInhibitor"], ["gerd", "pepticUlcer", "nsaidUlcerPrevention"]),
  d("pantoprazole", ["Protonix"], ["protonPumpInhibitor"], ["gerd"], null, { alsoUsedFor: ["pepticUlcer", "nsaidUlcerPrevention"] }),
  d("lansoprazole", ["Prevacid"], ["protonPumpInhibitor"], ["gerd", "pepticUlcer", "nsaidUlcerPrevention"]),
  d("rabeprazole", ["Aciphex"], ["protonPumpInhibitor"], ["gerd", "pepticUlcer"]),
  d("dexlansoprazole", ["Dexilant"], ["protonPumpInhibitor"], ["gerd"]),
  d("famotidine", ["Pepcid"], ["h2Blocker"], ["gerd", "pepticUlcer"]),
  d("cimetidine", ["Tagamet"], ["h2Blocker"], ["gerd", "pepticUlcer"]),
  d("ondansetron", ["Zofran"], ["serotonin3Antagonist"], ["nauseaVomiting"]),
  d("metoclopramide", ["Reglan"], ["prokinetic"], ["gastroparesis", "gerd"], null, { alsoClasses: ["serotonin3Antagonist"], alsoUsedFor: ["nauseaVomiting"] }),
  d("polyethylene glycol 3350", ["MiraLAX"], ["osmoticLaxative"], ["constipation"]),
  d("lactulose", ["Kristalose", "Enulose"], ["osmoticLaxative"], ["constipation", "hepaticEncephalopathy"]),
  d("docusate", ["Colace"], ["stoolSoftener"], ["constipation"]),
  d("senna", ["Senokot"], ["stimulantLaxative"], ["constipation"]),
  d("loperamide", ["Imodium"], ["antidiarrheal"], ["diarrhea"]),
  d("diphenoxylate/atropine", ["Lomotil"], ["antidiarrheal"], ["diarrhea"], "C-V", { alsoClasses: ["giAntispasmodic"], scheduleNote: "diphenoxylate is an opioid; the atropine is added to discourage misuse" }),
  d("mesalamine", ["Lialda", "Asacol HD", "Delzicol", "Apriso", "Pentasa"], ["aminosalicylate"], ["ulcerativeColitis"], null, { alsoUsedFor: ["crohnsDisease"] }),
  d("sulfasalazine", ["Azulfidine"], ["aminosalicylate"], ["ulcerativeColitis", "rheumatoidArthritis"], null, { alsoClasses: ["dmard"], alsoUsedFor: ["crohnsDisease"] }),
  d("dicyclomine", ["Bentyl"], ["giAntispasmodic"], ["irritableBowel"]),
  d("hyoscyamine", ["Levsin"], ["giAntispasmodic"], ["irritableBowel"], null, { alsoUsedFor: ["pepticUlcer", "overactiveBladder"] }),
  d("sucralfate", ["Carafate"], ["mucosalProtectant"], ["pepticUlcer"]),
  d("misoprostol", ["Cytotec"], ["prostaglandinE1"], ["nsaidUlcerPrevention"]),
  d("linaclotide", ["Linzess"], ["guanylateCyclaseAgonist"], ["irritableBowel", "constipation"]),
  // Antidepressants and anxiolytics
  d("sertraline", ["Zoloft"], ["ssri"], ["depression", "ocd", "panicDisorder", "anxiety"]),
  d("fluoxetine", ["Prozac"], ["ssri"], ["depression", "ocd", "panicDisorder"], null, { tallMan: "FLUoxetine", alsoUsedFor: ["bipolar", "anxiety"] }),
  d("citalopram", ["Celexa"], ["ssri"], ["depression"], null, { alsoUsedFor: ["anxiety", "panicDisorder"] }),
  d("escitalopram", ["Lexapro"], ["ssri"], ["depression", "anxiety"], null, { alsoUsedFor: ["panicDisorder"] }),
  d("paroxetine", ["Paxil"], ["ssri"], ["depression", "anxiety", "panicDisorder", "ocd"], null, { tallMan: "PARoxetine", alsoUsedFor: ["menopause"] }),
  d("fluvoxamine", ["Luvox"], ["ssri"], ["ocd"], null, { alsoUsedFor: ["depression", "anxiety"] }),
  d("venlafaxine", ["Effexor XR"], ["snri"], ["depression", "anxiety", "panicDisorder"], null, { alsoClasses: ["norepinephrineReuptakeInhibitor"], alsoUsedFor: ["menopause", "neuropathicPain"] }),
  d("duloxetine", ["Cymbalta"], ["snri"], ["depression", "anxiety", "neuropathicPain", "fibromyalgia"], null, { alsoClasses: ["norepinephrineReuptakeInhibitor"], tallMan: "DULoxetine", alsoUsedFor: ["arthritis"] }),
  d("desvenlafaxine", ["Pristiq"], ["snri"], ["depression"], null, { alsoClasses: ["norepinephrineReuptakeInhibitor"], alsoUsedFor: ["menopause", "anxiety"] }),
  d("amitriptyline", ["Elavil"], ["tricyclic"], ["depression"], null, { alsoClasses: ["snri", "norepinephrineReuptakeInhibitor"], alsoUsedFor: ["neuropathicPain", "migrainePrevention", "insomnia", "fibromyalgia"] }),
  d("nortriptyline", ["Pamelor"], ["tricyclic"], ["depression"], null, { alsoClasses: ["snri", "norepinephrineReuptakeInhibitor"], alsoUsedFor: ["neuropathicPain", "smokingCessation", "migrainePrevention"] }),
  d("bupropion", ["Wellbutrin", "Zyban"], ["atypicalAntidepressant"], ["depression", "smokingCessation"], null, { alsoClasses: ["norepinephrineReuptakeInhibitor"], tallMan: "buPROPion", alsoUsedFor: ["adhd", "obesity"] }),
  d("mirtazapine", ["Remeron"], ["atypicalAntidepressant"], ["depression"], null, { alsoUsedFor: ["insomnia", "anxiety"] }),
  d("trazodone", ["Desyrel"], ["atypicalAntidepressant"], ["depression"], null, { alsoClasses: ["ssri"], alsoUsedFor: ["insomnia", "anxiety"] }),
  d("buspirone", ["BuSpar"], ["azapirone"], ["anxiety"], null, { tallMan: "busPIRone" }),
  d("alprazolam", ["Xanax"], ["benzodiazepine"], ["anxiety", "panicDisorder"], "C-IV", { tallMan: "ALPRAZolam" }),
  d("lorazepam", ["Ativan"], ["benzodiazepine"], ["anxiety", "seizures"], "C-IV", { tallMan: "LORazepam", alsoClasses: ["anticonvulsant"], alsoUsedFor: ["insomnia", "alcoholWithdrawal", "nauseaVomiting"] }),
  d("clonazepam", ["Klonopin"], ["benzodiazepine"], ["seizures", "panicDisorder"], "C-IV", { tallMan: "clonazePAM", alsoClasses: ["anticonvulsant"], alsoUsedFor: ["anxiety", "insomnia"] }),
  d("diazepam", ["Valium"], ["benzodiazepine"], ["anxiety", "alcoholWithdrawal", "muscleSpasm", "seizures"], "C-IV", { alsoClasses: ["anticonvulsant", "muscleRelaxant"], alsoUsedFor: ["spasticity", "insomnia"] }),
  d("temazepam", ["Restoril"], ["benzodiazepine"], ["insomnia"], "C-IV", { alsoUsedFor: ["anxiety"] }),
  d("chlordiazepoxide", ["Librium"], ["benzodiazepine"], ["anxiety", "alcoholWithdrawal"], "C-IV"),
  d("triazolam", ["Halcion"], ["benzodiazepine"], ["insomnia"], "C-IV", { alsoUsedFor: ["anxiety"] }),
  d("clobazam", ["Onfi"], ["benzodiazepine"], ["seizures"], "C-IV", { alsoClasses: ["anticonvulsant"], alsoUsedFor: ["anxiety"] }),
  // Sleep
  d("zolpidem", ["Ambien"], ["zDrug"], ["insomnia"], "C-IV"),
  d("eszopiclone", ["Lunesta"], ["zDrug"], ["insomnia"], "C-IV"),
  d("zaleplon", ["Sonata"], ["zDrug"], ["insomnia"], "C-IV"),
  d("suvorexant", ["Belsomra"], ["orexinAntagonist"], ["insomnia"], "C-IV"),
  d("lemborexant", ["Dayvigo"], ["orexinAntagonist"], ["insomnia"], "C-IV"),
  d("ramelteon", ["Rozerem"], ["melatoninAgonist"], ["insomnia"], null, { askSchedule: true, scheduleNote: "ramelteon, unlike the Z-drugs and orexin antagonists, is not a controlled substance" }),
  // Antipsychotics and mood stabilizers
  d("quetiapine", ["Seroquel"], ["antipsychoticSecondGen"], ["schizophrenia", "bipolar", "depression"], null, { tallMan: "QUEtiapine", alsoUsedFor: ["insomnia", "anxiety"] }),
  d("aripiprazole", ["Abilify"], ["antipsychoticSecondGen"], ["schizophrenia", "bipolar", "depression"]),
  d("risperidone", ["Risperdal"], ["antipsychoticSecondGen"], ["schizophrenia", "bipolar"]),
  d("olanzapine", ["Zyprexa"], ["antipsychoticSecondGen"], ["schizophrenia", "bipolar"], null, { tallMan: "OLANZapine", alsoUsedFor: ["depression", "nauseaVomiting"] }),
  d("ziprasidone", ["Geodon"], ["antipsychoticSecondGen"], ["schizophrenia", "bipolar"]),
  d("lurasidone", ["Latuda"], ["antipsychoticSecondGen"], ["schizophrenia", "bipolar"]),
  d("paliperidone", ["Invega"], ["antipsychoticSecondGen"], ["schizophrenia"], null, { alsoUsedFor: ["bipolar"] }),
  d("clozapine", ["Clozaril"], ["antipsychoticSecondGen"], ["schizophrenia"]),
  d("brexpiprazole", ["Rexulti"], ["antipsychoticSecondGen"], ["depression", "schizophrenia"], null, { alsoUsedFor: ["alzheimers", "bipolar"] }),
  d("cariprazine", ["Vraylar"], ["antipsychoticSecondGen"], ["schizophrenia", "bipolar", "depression"]),
  d("haloperidol", ["Haldol"], ["antipsychoticFirstGen"], ["schizophrenia"], null, { alsoUsedFor: ["bipolar", "nauseaVomiting"] }),
  d("lithium carbonate", ["Lithobid"], ["lithium"], ["bipolar"], null, { alsoUsedFor: ["depression", "hyperthyroidism"] }),
  // Seizures
  d("levetiracetam", ["Keppra"], ["anticonvulsant"], ["seizures"]),
  d("lamotrigine", ["Lamictal"], ["anticonvulsant"], ["seizures", "bipolar"]),
  d("topiramate", ["Topamax"], ["anticonvulsant"], ["seizures", "migrainePrevention"], null, { alsoUsedFor: ["obesity", "alcoholUseDisorder"] }),
  d("divalproex", ["Depakote"], ["anticonvulsant"], ["seizures", "bipolar", "migrainePrevention"]),
  d("phenytoin", ["Dilantin"], ["anticonvulsant"], ["seizures"]),
  d("carbamazepine", ["Tegretol"], ["anticonvulsant"], ["seizures", "trigeminalNeuralgia"], null, { tallMan: "carBAMazepine", alsoUsedFor: ["bipolar", "neuropathicPain"], highAlert: { category: "named", settings: COMMUNITY } }),
  d("oxcarbazepine", ["Trileptal"], ["anticonvulsant"], ["seizures"], null, { tallMan: "OXcarbazepine", alsoUsedFor: ["trigeminalNeuralgia", "bipolar", "neuropathicPain"] }),
  d("gabapentin", ["Neurontin"], ["anticonvulsant"], ["neuropathicPain", "seizures"], null, {
    alsoUsedFor: ["restlessLegs", "fibromyalgia", "anxiety", "alcoholUseDisorder"],
    askSchedule: true,
    scheduleNote: "gabapentin is not federally controlled, although several states schedule it or track it in their prescription monitoring programs; its relative pregabalin is C-V",
  }),
  d("pregabalin", ["Lyrica"], ["anticonvulsant"], ["neuropathicPain", "fibromyalgia", "seizures"], "C-V", { alsoUsedFor: ["anxiety", "restlessLegs"] }),
  d("lacosamide", ["Vimpat"], ["anticonvulsant"], ["seizures"], "C-V"),
  d("brivaracetam", ["Briviact"], ["anticonvulsant"], ["seizures"], "C-V"),
  d("cenobamate", ["Xcopri"], ["anticonvulsant"], ["seizures"], "C-V"),
  d("perampanel", ["Fycompa"], ["anticonvulsant"], ["seizures"], "C-III"),
  d("zonisamide", ["Zonegran"], ["anticonvulsant"], ["seizures"]),
  d("primidone", ["Mysoline"], ["anticonvulsant"], ["seizures"], null, { alsoClasses: ["barbiturate"], alsoUsedFor: ["essentialTremor"] }),
  d("phenobarbital", [], ["barbiturate"], ["seizures"], "C-IV", { tallMan: "PHENobarbital", alsoClasses: ["anticonvulsant"], alsoUsedFor: ["insomnia", "anxiety", "alcoholWithdrawal"] }),
  // ADHD and wakefulness
  d("methylphenidate", ["Ritalin", "Concerta"], ["cnsStimulant"], ["adhd", "narcolepsy"], "C-II", { alsoClasses: ["wakefulness", "norepinephrineReuptakeInhibitor"] }),
  d("dexmethylphenidate", ["Focalin"], ["cnsStimulant"], ["adhd"], "C-II", { alsoClasses: ["wakefulness", "norepinephrineReuptakeInhibitor"], alsoUsedFor: ["narcolepsy"] }),
  d("amphetamine/dextroamphetamine", ["Adderall"], ["cnsStimulant"], ["adhd", "narcolepsy"], "C-II", { alsoClasses: ["wakefulness", "anorexiant", "norepinephrineReuptakeInhibitor"] }),
  d("dextroamphetamine", ["Dexedrine", "Zenzedi"], ["cnsStimulant"], ["adhd", "narcolepsy"], "C-II", { alsoClasses: ["wakefulness", "anorexiant", "norepinephrineReuptakeInhibitor"] }),
  d("lisdexamfetamine", ["Vyvanse"], ["cnsStimulant"], ["adhd"], "C-II", { alsoClasses: ["wakefulness", "anorexiant", "norepinephrineReuptakeInhibitor"], alsoUsedFor: ["obesity"] }),
  d("atomoxetine", ["Strattera"], ["norepinephrineReuptakeInhibitor"], ["adhd"], null, { alsoClasses: ["snri"], askSchedule: true, scheduleNote: "atomoxetine is a non-stimulant ADHD drug and is not a controlled substance" }),
  d("modafinil", ["Provigil"], ["wakefulness"], ["narcolepsy"], "C-IV", { alsoClasses: ["cnsStimulant"] }),
  d("armodafinil", ["Nuvigil"], ["wakefulness"], ["narcolepsy"], "C-IV", { alsoClasses: ["cnsStimulant"] }),
  d("phentermine", ["Adipex-P", "Lomaira"], ["anorexiant"], ["obesity"], "C-IV", { alsoClasses: ["cnsStimulant", "adrenergicAgonist"] }),
  d("phentermine/topiramate", ["Qsymia"], ["anorexiant", "anticonvulsant"], ["obesity"], "C-IV", { alsoClasses: ["cnsStimulant"] }),
  // Dementia, Parkinson's, migraine
  d("donepezil", ["Aricept"], ["cholinesteraseInhibitor"], ["alzheimers"]),
  d("rivastigmine", ["Exelon"], ["cholinesteraseInhibitor"], ["alzheimers", "parkinsons"]),
  d("galantamine", ["Razadyne"], ["cholinesteraseInhibitor"], ["alzheimers"]),
  d("memantine", ["Namenda"], ["nmdaAntagonist"], ["alzheimers"]),
  d("carbidopa/levodopa", ["Sinemet"], ["dopaminePrecursor"], ["parkinsons"], null, { alsoUsedFor: ["restlessLegs"] }),
  d("pramipexole", ["Mirapex"], ["dopamineAgonist"], ["parkinsons", "restlessLegs"]),
  d("ropinirole", ["Requip"], ["dopamineAgonist"], ["parkinsons", "restlessLegs"]),
  d("benztropine", ["Cogentin"], ["anticholinergicAntiparkinson"], ["parkinsons", "extrapyramidalSymptoms"]),
  d("rasagiline", ["Azilect"], ["maoBInhibitor"], ["parkinsons"]),
  d("sumatriptan", ["Imitrex"], ["triptan"], ["migraineAcute"]),
  d("rizatriptan", ["Maxalt"], ["triptan"], ["migraineAcute"]),
  d("zolmitriptan", ["Zomig"], ["triptan"], ["migraineAcute"]),
  d("eletriptan", ["Relpax"], ["triptan"], ["migraineAcute"]),
  d("rimegepant", ["Nurtec ODT"], ["gepant"], ["migraineAcute", "migrainePrevention"]),
  d("ubrogepant", ["Ubrelvy"], ["gepant"], ["migraineAcute"]),
  d("lasmiditan", ["Reyvow"], ["ditan"], ["migraineAcute"], "C-V"),
  // Muscle relaxants
  d("cyclobenzaprine", ["Flexeril", "Amrix"], ["muscleRelaxant"], ["muscleSpasm"], null, { askSchedule: true, scheduleNote: "cyclobenzaprine is not a controlled substance; among muscle relaxants only carisoprodol (C-IV) is federally controlled" }),
  d("methocarbamol", ["Robaxin"], ["muscleRelaxant"], ["muscleSpasm"]),
  d("tizanidine", ["Zanaflex"], ["muscleRelaxant"], ["spasticity"], null, { alsoClasses: ["alpha2Agonist"], alsoUsedFor: ["muscleSpasm"] }),
  d("baclofen", ["Lioresal", "Ozobax"], ["muscleRelaxant"], ["spasticity"], null, { alsoUsedFor: ["muscleSpasm", "alcoholUseDisorder"] }),
  d("carisoprodol", ["Soma"], ["muscleRelaxant"], ["muscleSpasm"], "C-IV", { scheduleNote: "carisoprodol was placed in Schedule IV in 2012" }),
  d("metaxalone", ["Skelaxin"], ["muscleRelaxant"], ["muscleSpasm"]),
  // Substance use and overdose
  d("varenicline", ["Chantix"], ["nicotinicPartialAgonist"], ["smokingCessation"]),
  d("nicotine", ["NicoDerm CQ"], ["nicotineReplacement"], ["smokingCessation"], null, { form: "transdermal patch" }),
  d("naltrexone", ["Vivitrol", "ReVia"], ["opioidAntagonist"], ["alcoholUseDisorder", "opioidUseDisorder"]),
  d("naloxone", ["Narcan"], ["opioidAntagonist"], ["opioidOverdose"], null, { form: "nasal spray" }),
  d("disulfiram", ["Antabuse"], ["aldehydeDehydrogenaseInhibitor"], ["alcoholUseDisorder"]),
  d("buprenorphine/naloxone", ["Suboxone", "Zubsolv"], ["opioidPartialAgonist", "opioidAntagonist"], ["opioidUseDisorder"], "C-III", { alsoClasses: ["opioid"], highAlert: OPIOID_ALERT }),
  d("buprenorphine", ["Butrans", "Belbuca", "Subutex"], ["opioidPartialAgonist", "opioid"], ["opioidPain", "opioidUseDisorder"], "C-III", { highAlert: OPIOID_ALERT }),
  // Analgesics
  d("acetaminophen", ["Tylenol"], ["analgesicAntipyretic"], ["mildPainFever"], null, { alsoUsedFor: ["arthritis", "migraineAcute"] }),
  d("ibuprofen", ["Motrin", "Advil"], ["nsaid"], ["mildPainFever", "arthritis"], null, { alsoUsedFor: ["migraineAcute", "gout"] }),
  d("naproxen", ["Naprosyn", "Aleve"], ["nsaid"], ["arthritis", "mildPainFever"], null, { alsoUsedFor: ["gout", "migraineAcute"] }),
  d("meloxicam", ["Mobic"], ["nsaid"], ["arthritis"], null, { alsoUsedFor: ["mildPainFever"] }),
  d("diclofenac", ["Voltaren"], ["nsaid"], ["arthritis"], null, { alsoUsedFor: ["mildPainFever", "migraineAcute"] }),
  d("celecoxib", ["Celebrex"], ["nsaid"], ["arthritis"], null, { alsoUsedFor: ["mildPainFever", "migraineAcute"] }),
  d("indomethacin", ["Indocin"], ["nsaid"], ["arthritis", "gout"], null, { alsoUsedFor: ["mildPainFever"] }),
  d("ketorolac", ["Toradol"], ["nsaid"], ["shortTermAcutePain"], null, { alsoUsedFor: ["mildPainFever", "migraineAcute"] }),
  d("nabumetone", ["Relafen"], ["nsaid"], ["arthritis"], null, { alsoUsedFor: ["mildPainFever"] }),
  d("oxycodone", ["OxyContin", "Roxicodone"], ["opioid"], ["opioidPain"], "C-II", { tallMan: "oxyCODONE", highAlert: OPIOID_ALERT }),
  d("oxycodone/acetaminophen", ["Percocet"], ["opioid"], ["opioidPain"], "C-II", { ...APAP_COMBO, highAlert: OPIOID_ALERT }),
  d("hydrocodone/acetaminophen", ["Norco", "Vicodin"], ["opioid"], ["opioidPain"], "C-II", {
    ...APAP_COMBO,
    tallMan: "HYDROcodone",
    highAlert: OPIOID_ALERT,
    scheduleNote: "hydrocodone combination products moved from Schedule III to Schedule II on October 6, 2014",
  }),
  d("morphine", ["MS Contin"], ["opioid"], ["opioidPain"], "C-II", { highAlert: OPIOID_ALERT }),
  d("hydromorphone", ["Dilaudid"], ["opioid"], ["opioidPain"], "C-II", { tallMan: "HYDROmorphone", highAlert: OPIOID_ALERT }),
  d("fentanyl", ["Duragesic"], ["opioid"], ["opioidPain"], "C-II", { form: "transdermal patch", highAlert: OPIOID_ALERT }),
  d("methadone", ["Dolophine"], ["opioid"], ["opioidPain", "opioidUseDisorder"], "C-II", { highAlert: OPIOID_ALERT }),
  d("tapentadol", ["Nucynta"], ["opioid"], ["opioidPain"], "C-II", { alsoClasses: ["norepinephrineReuptakeInhibitor", "snri"], alsoUsedFor: ["neuropathicPain"], highAlert: OPIOID_ALERT }),
  d("meperidine", ["Demerol"], ["opioid"], ["opioidPain"], "C-II", { highAlert: OPIOID_ALERT }),
  d("acetaminophen/codeine", ["Tylenol with Codeine"], ["opioid"], ["opioidPain"], "C-III", {
    ...APAP_COMBO,
    alsoUsedFor: ["mildPainFever"],
    highAlert: OPIOID_ALERT,
    scheduleNote: "codeine combined with acetaminophen (not more than 90 mg of codeine per dosage unit) is Schedule III; codeine alone is Schedule II",
  }),
  d("tramadol", ["Ultram"], ["opioid"], ["opioidPain"], "C-IV", { alsoClasses: ["snri", "norepinephrineReuptakeInhibitor"], scheduleNote: "tramadol was placed in Schedule IV in August 2014" }),
  d("tramadol/acetaminophen", ["Ultracet"], ["opioid"], ["opioidPain"], "C-IV", { alsoClasses: ["snri", "norepinephrineReuptakeInhibitor", "analgesicAntipyretic"] }),
  // Antibacterials
  d("amoxicillin", ["Amoxil"], ["penicillin"], ["bacterialInfections"]),
  d("amoxicillin/clavulanate", ["Augmentin"], ["penicillin"], ["bacterialInfections"]),
  d("penicillin V potassium", [], ["penicillin"], ["bacterialInfections"]),
  d("cephalexin", ["Keflex"], ["cephalosporin"], ["bacterialInfections", "urinaryTractInfection"]),
  d("cefdinir", ["Omnicef"], ["cephalosporin"], ["bacterialInfections"]),
  d("cefuroxime", ["Ceftin"], ["cephalosporin"], ["bacterialInfections"]),
  d("ceftriaxone", ["Rocephin"], ["cephalosporin"], ["bacterialInfections"], null, { tallMan: "cefTRIAXone" }),
  d("cefazolin", [], ["cephalosporin"], ["bacterialInfections"], null, { tallMan: "ceFAZolin" }),
  d("azithromycin", ["Zithromax"], ["macrolide"], ["bacterialInfections"]),
  d("clarithromycin", ["Biaxin"], ["macrolide"], ["bacterialInfections"]),
  d("erythromycin", ["Ery-Tab", "E.E.S."], ["macrolide"], ["bacterialInfections"], null, { alsoUsedFor: ["acne", "gastroparesis"] }),
  d("ciprofloxacin", ["Cipro"], ["fluoroquinolone"], ["bacterialInfections", "urinaryTractInfection"]),
  d("levofloxacin", ["Levaquin"], ["fluoroquinolone"], ["bacterialInfections", "urinaryTractInfection"]),
  d("moxifloxacin", ["Avelox"], ["fluoroquinolone"], ["bacterialInfections"]),
  d("doxycycline", ["Vibramycin", "Doryx"], ["tetracycline"], ["bacterialInfections", "malaria"], null, { alsoClasses: ["antimalarial"], alsoUsedFor: ["acne"] }),
  d("minocycline", ["Minocin", "Solodyn"], ["tetracycline"], ["bacterialInfections", "acne"]),
  d("sulfamethoxazole/trimethoprim", ["Bactrim", "Septra"], ["sulfonamide"], ["urinaryTractInfection", "bacterialInfections"]),
  d("nitrofurantoin", ["Macrobid", "Macrodantin"], ["nitrofuran"], ["urinaryTractInfection"]),
  d("clindamycin", ["Cleocin"], ["lincosamide"], ["bacterialInfections"], null, { alsoUsedFor: ["acne"] }),
  d("metronidazole", ["Flagyl"], ["nitroimidazole"], ["bacterialInfections", "protozoalInfections"], null, { tallMan: "metroNIDAZOLE", alsoUsedFor: ["clostridioidesDifficile"] }),
  d("vancomycin", ["Vancocin"], ["glycopeptide"], ["clostridioidesDifficile"], null, { form: "oral" }),
  d("linezolid", ["Zyvox"], ["oxazolidinone"], ["bacterialInfections"]),
  // Antifungals, antivirals, antiparasitics
  d("fluconazole", ["Diflucan"], ["azoleAntifungal"], ["fungalInfections"]),
  d("ketoconazole", ["Nizoral"], ["azoleAntifungal"], ["fungalInfections"], null, { form: "topical" }),
  d("terbinafine", ["Lamisil"], ["allylamineAntifungal"], ["onychomycosis", "fungalInfections"]),
  d("nystatin", [], ["polyeneAntifungal"], ["fungalInfections"]),
  d("oseltamivir", ["Tamiflu"], ["neuraminidaseInhibitor"], ["influenza"]),
  d("acyclovir", ["Zovirax"], ["herpesAntiviral"], ["herpes"]),
  d("valacyclovir", ["Valtrex"], ["herpesAntiviral"], ["herpes"]),
  d("famciclovir", ["Famvir"], ["herpesAntiviral"], ["herpes"]),
  d("bictegravir/emtricitabine/tenofovir alafenamide", ["Biktarvy"], ["antiretroviral"], ["hiv"], null, { highAlert: { category: "antiretroviral", settings: COMMUNITY } }),
  d("emtricitabine/tenofovir disoproxil fumarate", ["Truvada"], ["antiretroviral"], ["hiv", "hivPrep"], null, { highAlert: { category: "antiretroviral", settings: COMMUNITY } }),
  d("emtricitabine/tenofovir alafenamide", ["Descovy"], ["antiretroviral"], ["hiv", "hivPrep"], null, { highAlert: { category: "antiretroviral", settings: COMMUNITY } }),
  d("ivermectin", ["Stromectol"], ["anthelmintic"], ["parasiticWorms"], null, { alsoClasses: ["scabicide"], alsoUsedFor: ["scabiesLice"] }),
  d("hydroxychloroquine", ["Plaquenil"], ["antimalarial"], ["malaria", "lupus", "rheumatoidArthritis"], null, { alsoClasses: ["dmard"] }),
  d("permethrin", ["Elimite", "Nix"], ["scabicide"], ["scabiesLice"], null, { form: "topical" }),
  // Immunology and oncology
  d("methotrexate", ["Trexall", "Otrexup"], ["folateAntagonist", "dmard"], ["rheumatoidArthritis", "psoriasis", "cancer"], null, { alsoUsedFor: ["crohnsDisease"], highAlert: { category: "named", settings: BOTH } }),
  d("leflunomide", ["Arava"], ["dmard"], ["rheumatoidArthritis"], null, { alsoClasses: ["antiproliferative"] }),
  d("adalimumab", ["Humira"], ["tnfInhibitor"], ["rheumatoidArthritis", "crohnsDisease", "ulcerativeColitis", "psoriasis"], null, { alsoClasses: ["dmard"] }),
  d("etanercept", ["Enbrel"], ["tnfInhibitor"], ["rheumatoidArthritis", "psoriasis"], null, { alsoClasses: ["dmard"] }),
  d("infliximab", ["Remicade"], ["tnfInhibitor"], ["crohnsDisease", "ulcerativeColitis", "rheumatoidArthritis", "psoriasis"], null, { tallMan: "inFLIXimab", alsoClasses: ["dmard"] }),
  d("tofacitinib", ["Xeljanz"], ["jakInhibitor"], ["rheumatoidArthritis", "ulcerativeColitis"], null, { alsoClasses: ["dmard"] }),
  d("tacrolimus", ["Prograf"], ["calcineurinInhibitor"], ["transplantRejection"], null, { alsoClasses: ["dmard"], alsoUsedFor: ["dermatoses"], highAlert: { category: "immunosuppressant", settings: COMMUNITY } }),
  d("cyclosporine", ["Neoral", "Sandimmune", "Gengraf"], ["calcineurinInhibitor"], ["transplantRejection", "rheumatoidArthritis", "psoriasis"], null, { alsoClasses: ["dmard"], tallMan: "cycloSPORINE", highAlert: { category: "immunosuppressant", settings: COMMUNITY } }),
  d("mycophenolate mofetil", ["CellCept"], ["antiproliferative"], ["transplantRejection"], null, { alsoClasses: ["dmard"], alsoUsedFor: ["lupus"], highAlert: { category: "immunosuppressant", settings: COMMUNITY } }),
  d("azathioprine", ["Imuran"], ["antiproliferative"], ["transplantRejection", "rheumatoidArthritis"], null, { alsoClasses: ["dmard"], tallMan: "azaTHIOprine", alsoUsedFor: ["crohnsDisease", "ulcerativeColitis", "lupus"], highAlert: { category: "immunosuppressant", settings: COMMUNITY } }),
  d("tamoxifen", ["Nolvadex", "Soltamox"], ["serm"], ["breastCancer"]),
  d("anastrozole", ["Arimidex"], ["aromataseInhibitor"], ["breastCancer"]),
  d("letrozole", ["Femara"], ["aromataseInhibitor"], ["breastCancer"]),
  // Eye and skin
  d("latanoprost", ["Xalatan"], ["prostaglandinF2Alpha"], ["glaucoma"]),
  d("timolol", ["Timoptic"], ["betaBlocker"], ["glaucoma"], null, { form: "ophthalmic" }),
  d("brimonidine", ["Alphagan P"], ["alpha2Agonist"], ["glaucoma"], null, { form: "ophthalmic" }),
  d("dorzolamide", ["Trusopt"], ["carbonicAnhydraseInhibitor"], ["glaucoma"], null, { form: "ophthalmic" }),
  d("isotretinoin", ["Absorica", "Claravis", "Accutane"], ["retinoid"], ["severeAcne"], null, { highAlert: { category: "pregnancyX", settings: COMMUNITY } }),
  d("tretinoin", ["Retin-A"], ["retinoid"], ["acne"], null, { form: "topical" }),
  d("clobetasol", ["Temovate"], ["corticosteroid"], ["dermatoses", "psoriasis"], null, { form: "topical" }),
  // Vitamins
  d("ergocalciferol", ["Drisdol"], ["vitaminD"], ["vitaminDDeficiency"]),
  d("calcitriol", ["Rocaltrol"], ["vitaminD"], ["kidneyDiseaseHypocalcemia"], null, { alsoUsedFor: ["vitaminDDeficiency", "chronicKidneyDisease"] }),
];

export const TALL_MAN_SOURCE = "FDA and ISMP Lists of Look-Alike Drug Names with Recommended Tall Man Letters (ismp.org); domain-facts.md";
export const HIGH_ALERT_SOURCE = "ISMP List of High-Alert Medications in Acute Care Settings; ISMP List of High-Alert Medications in Community/Ambulatory Care Settings";

/** A look-alike pair on the FDA list (established names) or ISMP's list of additional names, written in their tall man forms. */
export interface TallManPair {
  names: readonly [string, string];
  list: "FDA" | "ISMP";
}

/**
 * Pairs confirmed on the FDA and ISMP tall man lists (domain-facts.md; ISMP "FDA and ISMP Lists
 * of Look-Alike Drug Names with Recommended Tall Man Letters"). Brand names keep their capital
 * first letter. "morphine" is written without tall man letters on the list.
 */
export const TALL_MAN_PAIRS: readonly TallManPair[] = [
  { names: ["acetaZOLAMIDE", "acetoHEXAMIDE"], list: "FDA" },
  { names: ["buPROPion", "busPIRone"], list: "FDA" },
  { names: ["chlorproMAZINE", "chlorproPAMIDE"], list: "FDA" },
  { names: ["clomiPHENE", "clomiPRAMINE"], list: "FDA" },
  { names: ["cycloSPORINE", "cycloSERINE"], list: "FDA" },
  { names: ["DAUNOrubicin", "DOXOrubicin"], list: "FDA" },
  { names: ["dimenhyDRINATE", "diphenhydrAMINE"], list: "FDA" },
  { names: ["DOBUTamine", "DOPamine"], list: "FDA" },
  { names: ["glipiZIDE", "glyBURIDE"], list: "FDA" },
  { names: ["hydrALAZINE", "hydrOXYzine"], list: "FDA" },
  { names: ["medroxyPROGESTERone", "methylPREDNISolone"], list: "FDA" },
  { names: ["medroxyPROGESTERone", "methylTESTOSTERone"], list: "FDA" },
  { names: ["methylPREDNISolone", "methylTESTOSTERone"], list: "FDA" },
  { names: ["niCARdipine", "NIFEdipine"], list: "FDA" },
  { names: ["predniSONE", "prednisoLONE"], list: "FDA" },
  { names: ["sulfADIAZINE", "sulfiSOXAZOLE"], list: "FDA" },
  { names: ["TOLAZamide", "TOLBUTamide"], list: "FDA" },
  { names: ["vinBLAStine", "vinCRIStine"], list: "FDA" },
  { names: ["ALPRAZolam", "LORazepam"], list: "ISMP" },
  { names: ["amLODIPine", "aMILoride"], list: "ISMP" },
  { names: ["azaCITIDine", "azaTHIOprine"], list: "ISMP" },
  { names: ["ceFAZolin", "cefTRIAXone"], list: "ISMP" },
  { names: ["CeleBREX", "CeleXA"], list: "ISMP" },
  { names: ["chlorproMAZINE", "chlordiazePOXIDE"], list: "ISMP" },
  { names: ["CISplatin", "CARBOplatin"], list: "ISMP" },
  { names: ["clonazePAM", "cloNIDine"], list: "ISMP" },
  { names: ["clonazePAM", "LORazepam"], list: "ISMP" },
  { names: ["cloNIDine", "KlonoPIN"], list: "ISMP" },
  { names: ["DACTINomycin", "DAPTOmycin"], list: "ISMP" },
  { names: ["ePHEDrine", "EPINEPHrine"], list: "ISMP" },
  { names: ["fentaNYL", "SUFentanil"], list: "ISMP" },
  { names: ["FLUoxetine", "DULoxetine"], list: "ISMP" },
  { names: ["guanFACINE", "guaiFENesin"], list: "ISMP" },
  { names: ["HumaLOG", "HumuLIN"], list: "ISMP" },
  { names: ["HYDROcodone", "oxyCODONE"], list: "ISMP" },
  { names: ["metroNIDAZOLE", "metFORMIN"], list: "ISMP" },
  { names: ["morphine", "HYDROmorphone"], list: "ISMP" },
  { names: ["NexIUM", "NexAVAR"], list: "ISMP" },
  { names: ["niMODipine", "NIFEdipine"], list: "ISMP" },
  { names: ["NovoLOG", "NovoLIN"], list: "ISMP" },
  { names: ["OXcarbazepine", "carBAMazepine"], list: "ISMP" },
  { names: ["oxyCODONE", "OxyCONTIN"], list: "ISMP" },
  { names: ["PARoxetine", "FLUoxetine"], list: "ISMP" },
  { names: ["PENTobarbital", "PHENobarbital"], list: "ISMP" },
  { names: ["PriLOSEC", "PROzac"], list: "ISMP" },
  { names: ["QUEtiapine", "OLANZapine"], list: "ISMP" },
  { names: ["quiNINE", "quiNIDine"], list: "ISMP" },
  { names: ["riTUXimab", "inFLIXimab"], list: "ISMP" },
  { names: ["SandIMMUNE", "SandoSTATIN"], list: "ISMP" },
  { names: ["SEROquel", "SINEquan"], list: "ISMP" },
];

/** Brand names on the tall man lists (their first letter is a capital for that reason, not a tall man letter). */
export const TALL_MAN_BRANDS: ReadonlySet<string> = new Set([
  "CeleBREX", "CeleXA", "KlonoPIN", "HumaLOG", "HumuLIN", "NexIUM", "NexAVAR", "NovoLOG", "NovoLIN", "OxyCONTIN", "PriLOSEC", "PROzac", "SandIMMUNE", "SandoSTATIN", "SEROquel", "SINEquan",
]);

/** Every name that appears in a tall man pair, in its tall man form, in first-seen order. */
export function tallManNames(): string[] {
  return [...new Set(TALL_MAN_PAIRS.flatMap((p) => p.names))];
}

/**
 * The capitalized run that tall man lettering adds: "hydrOXYzine" → "OXY", "PROzac" → "PRO",
 * "SandIMMUNE" → "IMMUNE" (a brand's capital first letter alone does not count).
 */
export function tallManLetters(name: string): string {
  const runs = name.match(/[A-Z]{2,}/g) ?? [];
  return runs.sort((a, b) => b.length - a.length)[0] ?? "";
}

/** The names listed as look-alike partners of a name (in tall man form). */
export function tallManPartners(name: string): string[] {
  return TALL_MAN_PAIRS.filter((p) => p.names.includes(name)).map((p) => (p.names[0] === name ? p.names[1] : p.names[0]));
}

/** The look-alike partners (tall man forms) of a drug in the table, from the FDA and ISMP pairs. */
export function lookAlikePartners(drug: DrugFact): string[] {
  return drug.tallMan ? tallManPartners(drug.tallMan) : [];
}

/** The drug's name as the items write it: generic plus the form when the table lists one. */
export function drugDisplayName(drug: DrugFact): string {
  return drug.form ? `${drug.generic} (${drug.form})` : drug.generic;
}

/** Stable identifier used in item codes ("drug-brand-<slug>"). */
export function slugify(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function drugSlug(drug: DrugFact): string {
  return slugify(drugDisplayName(drug));
}

const WHOLE_NAME_INGREDIENTS = new Set(["insulin", "isosorbide", "conjugated", "polyethylene", "potassium", "thyroid", "omega-3-acid", "icosapent", "penicillin"]);

/**
 * The active moieties a product contains, as comparable words: "metoprolol succinate" →
 * ["metoprolol"], "hydrocodone/acetaminophen" → ["hydrocodone", "acetaminophen"]. Products that
 * share a moiety are never offered as each other's wrong answers.
 */
export function drugMoieties(drug: DrugFact): string[] {
  let moieties = MOIETIES.get(drug);
  if (!moieties) {
    moieties = drug.generic.split("/").map((part) => {
      const words = part.trim().split(/\s+/);
      return WHOLE_NAME_INGREDIENTS.has(words[0]) ? words.join(" ") : words[0];
    });
    MOIETIES.set(drug, moieties);
  }
  return moieties;
}

const MOIETIES = new WeakMap<DrugFact, string[]>();

export function sharesMoiety(a: DrugFact, b: DrugFact): boolean {
  const moieties = drugMoieties(a);
  return drugMoieties(b).some((m) => moieties.includes(m));
}

/** Every class the drug is, or could fairly be argued to be: never a wrong answer for it. */
export function classesOf(drug: DrugFact): Set<DrugClass> {
  return new Set([...drug.classes, ...(drug.alsoClasses ?? [])]);
}

/** Every use the drug has or is commonly given for: never a wrong answer for it. */
export function usesOf(drug: DrugFact): Set<Indication> {
  return new Set([...drug.uses, ...(drug.alsoUsedFor ?? [])]);
}

export function scheduleLabel(schedule: DeaSchedule | null): string {
  if (schedule === null) return "Not a federally controlled substance";
  return `Schedule ${schedule.slice(2)} (${schedule})`;
}
