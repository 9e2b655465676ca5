// A shipping address as people type it in a chat (issue 21): one message, its parts on separate
// lines or separated by commas — name, street, postal code and city, country. Validated here;
// stored only on the redemption it is for, and erased with the person.
import { z } from "zod";

export const shippingAddressSchema = z
  .string()
  .max(600)
  .transform((text) => text.split(/\r?\n|,/).map((l) => l.trim().replace(/\s+/g, " ")).filter(Boolean))
  .pipe(
    z.array(z.string().min(2).max(120)).min(3).max(8)
      // a postal code or a house number: an address without any digit is not one
      .refine((lines) => lines.some((l) => /\d/.test(l)), { message: "no_number" }),
  )
  .transform((lines) => ({ lines }));

export type ShippingAddress = z.output<typeof shippingAddressSchema>;

/** The stored value back (a JSON column), or null when it is not an address. */
export function readShippingAddress(value: unknown): ShippingAddress | null {
  const parsed = z.object({ lines: z.array(z.string()) }).safeParse(value);
  return parsed.success ? parsed.data : null;
}
