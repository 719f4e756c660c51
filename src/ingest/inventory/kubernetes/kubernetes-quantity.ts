// Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource): "8", "3800m", "1.5",
// "64Mi", "16393168Ki", "129e6", "1G". The grammar, from the Quantity type's documentation:
//   <quantity>  ::= <signedNumber><suffix>
//   <suffix>    ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI>  ::= Ki | Mi | Gi | Ti | Pi | Ei
//   <decimalSI> ::= m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
// "1E" is an exabyte and "1E3" a thousand: the exponent form needs digits after the E.

const quantityPattern =
  /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|(m|k|K|M|G|T|P|E))?$/;

const binaryPower: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
/** Decimal suffixes as powers of ten; `K` is not Kubernetes' spelling (it is `k`) but is read as it. */
const decimalPower: Record<string, number> = { m: -3, k: 3, K: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/**
 * A quantity's value as a number (`"100m"` → 0.1, `"64Mi"` → 67108864), or undefined when the text
 * is not a quantity. Decimal scaling goes through the number's text (`100e-3`), so the result is
 * the double nearest the exact value rather than a product of two rounded doubles.
 */
export function parseQuantity(text: string): number | undefined {
  const match = quantityPattern.exec(text.trim());
  if (!match) return undefined;
  const [, mantissa = '', binary, exponent, decimal] = match;
  let value: number;
  if (binary !== undefined) value = Number(mantissa) * 1024 ** (binaryPower[binary] ?? 0);
  else if (exponent !== undefined) value = Number(`${mantissa}e${exponent}`);
  else if (decimal !== undefined) value = Number(`${mantissa}e${decimalPower[decimal] ?? 0}`);
  else value = Number(mantissa);
  return Number.isFinite(value) ? value : undefined;
}

/** JSON may hold a quantity as a number (`cpu: 2` in a manifest); the API server writes strings. */
export function quantityOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' ? parseQuantity(value) : undefined;
}
