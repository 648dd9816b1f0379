-- Short lookups. Trigrams cannot serve a one- or two-character query ("青葉" is a whole
-- company name in Japanese), so the folded search text is also indexed as the set of its
-- single characters and character pairs: "contains 青葉" becomes grams @> '{青葉}'.
-- (One SQL statement per function body: Prisma's migration runner splits at semicolons.)
CREATE FUNCTION lookup_grams(value text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(value, i, n)), '{}')
  FROM generate_series(1, char_length(value)) AS i, (VALUES (1), (2)) AS g(n)
  WHERE i + n - 1 <= char_length(value)
$$;
CREATE INDEX "Customer_searchText_grams_idx" ON "Customer" USING gin (lookup_grams("searchText")) WITH (fastupdate = off);

-- These tables take few inserts. Without the pending list the planner's costs stay right
-- right after a bulk load (a long pending list makes every GIN scan look expensive).
ALTER INDEX "Customer_searchText_trgm_idx" SET (fastupdate = off);
ALTER INDEX "Project_id_trgm_idx" SET (fastupdate = off);
ALTER INDEX "Project_name_trgm_idx" SET (fastupdate = off);
ALTER INDEX "BillingAccount_id_trgm_idx" SET (fastupdate = off);
ALTER INDEX "BillingAccount_name_trgm_idx" SET (fastupdate = off);
ALTER INDEX "Invoice_number_trgm_idx" SET (fastupdate = off);
