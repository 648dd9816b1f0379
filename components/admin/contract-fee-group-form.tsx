"use client";
// The billing group whose invoice carries a contract's contract-level fees, chosen by an admin.
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { setContractFeeGroupAction } from "@/app/(console)/admin/customers/actions";
import { button, cx, formField } from "@/components/ui/styles";
import { useT } from "@/lib/i18n/client";
import { contractMessages } from "@/lib/i18n/messages/contracts";

export function ContractFeeGroupForm({
  contractId,
  feeGroupId,
  groups,
}: {
  contractId: string;
  feeGroupId: string | null;
  groups: Array<{ id: string; name: string; isDefault: boolean }>;
}) {
  const t = useT(contractMessages);
  const router = useRouter();
  const [value, setValue] = useState(feeGroupId ?? "");
  const mutation = useMutation({
    mutationFn: () => setContractFeeGroupAction({ contractId, feeGroupId: value }),
    onSuccess: (result) => {
      if (result.ok) router.refresh();
    },
  });
  const result = mutation.data;
  const defaultGroup = groups.find((g) => g.isDefault);
  // The action wrapper has already put the field's refusal in the reader's language.
  const fieldError = result && !result.ok ? result.fieldErrors?.feeGroupId?.[0] : undefined;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        mutation.mutate();
      }}
    >
      <label className="flex flex-col gap-1 text-xs">
        <span>{t("feeGroup")}</span>
        <select
          name="feeGroupId"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={Boolean(fieldError)}
          className={cx("max-w-64 text-sm aria-[invalid=true]:border-red-600", formField)}
        >
          <option value="">
            {defaultGroup ? t("defaultGroup", { group: defaultGroup.name }) : t("noDefaultGroup")}
          </option>
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={mutation.isPending} className={button("primary", "sm")}>
        {mutation.isPending ? t("saving") : t("save")}
      </button>
      {result && (
        <p role="status" className={`w-full text-xs ${result.ok ? "text-green-700" : "text-red-700"}`}>
          {result.ok ? (result.data.changed ? t("saved") : t("unchanged")) : (fieldError ?? result.message)}
        </p>
      )}
    </form>
  );
}
