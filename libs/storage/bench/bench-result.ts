/** One measured figure, as printed and returned by the benches. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  reference?: string;
  referenceValue?: number;
  ratio?: number;
  note?: string;
}
