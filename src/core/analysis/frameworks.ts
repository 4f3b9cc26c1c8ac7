// Deep-learning framework families, read from the data file `src/core/rules/frameworks.yaml`.
import frameworksData from '../rules/frameworks.yaml?data';

interface FamilyEntry {
  family: string;
  imports: string[];
  packages: string[];
}

const families = frameworksData as FamilyEntry[];
const byImport = new Map<string, string>();
const byPackage = new Map<string, string>();
for (const f of families) {
  for (const name of f.imports) byImport.set(name, f.family);
  for (const name of f.packages) byPackage.set(name, f.family);
}

/** The family of a top-level import name (`torch` → PyTorch); `undefined` for anything else. */
export function frameworkOfImport(topLevelModule: string): string | undefined {
  return byImport.get(topLevelModule);
}

/** The family of a distribution name as declared in a manifest (`torch-vision` style normalized first). */
export function frameworkOfPackage(distribution: string): string | undefined {
  return byPackage.get(normalizePackageName(distribution));
}

/** PEP 503 normalization: lower case, runs of `-`, `_`, `.` become one `-`. */
export function normalizePackageName(name: string): string {
  return name.trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/** Every top-level import name of the given families (all families when none is named). */
export function frameworkImports(...familyNames: string[]): string[] {
  return families.filter((f) => familyNames.length === 0 || familyNames.includes(f.family)).flatMap((f) => f.imports);
}

export function frameworkFamilies(): readonly string[] {
  return families.map((f) => f.family);
}
