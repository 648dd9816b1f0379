-- The search box finds an invoice by its whole number through this index. Its trigram index
-- finds a part of a number, but for a whole one every invoice shares the prefix's trigrams
-- (inv, nv-, -20, 202 and so on), which made that lookup read most of the index.
CREATE INDEX "Invoice_number_lower_idx" ON "Invoice" (lower("number"));
