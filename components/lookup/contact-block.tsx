// A customer's contact and bank details as this person may see them: masked for support
// unless they hold an approved, unexpired grant (with its end shown), unmasked for the roles
// that handle payments. Support without a grant can ask for one here.
import Link from "next/link";
import type { CustomerContactDto } from "@/lib/access/get-customer-contact";
import { formatDateTime } from "@/lib/i18n/format";
import { lookupMessages } from "@/lib/i18n/messages/lookup";
import { getLocale, getT } from "@/lib/i18n/server";
import { GrantCountdown } from "./grant-countdown";
import { RequestAccessForm } from "./request-access-form";
import { badge, cx, panel } from "@/components/ui/styles";

export async function ContactBlock({
  customerId,
  contact,
  reasonLimits,
}: {
  customerId: string;
  contact: CustomerContactDto;
  reasonLimits: { min: number; max: number };
}) {
  const t = await getT(lookupMessages);
  const locale = await getLocale();
  const field = (key: "contactName" | "email" | "phone" | "bank", value: string | null, testId: string) => (
    <div>
      <dt className="text-slate-500">{t(key)}</dt>
      <dd
        className={cx(
          "font-medium",
          contact.masked && key !== "contactName" && "font-mono tracking-wide text-slate-700",
        )}
        data-testid={testId}
      >
        {value ?? t("notSet")}
      </dd>
    </div>
  );
  return (
    <section
      aria-labelledby="contact-title"
      className={`${panel} p-4 text-sm`}
      data-testid="contact-block"
      data-masked={contact.masked}
    >
      <h2 id="contact-title" className="flex flex-wrap items-center gap-2 font-semibold">
        {t("contactTitle")}
        {contact.masked && (
          <span className={`${badge} bg-slate-200 font-medium text-slate-700`}>{t("maskedBadge")}</span>
        )}
      </h2>
      <dl className="mt-3 grid gap-x-8 gap-y-2 sm:grid-cols-2">
        {field("contactName", contact.contactName, "contact-name")}
        {field("email", contact.contactEmail, "contact-email")}
        {field("phone", contact.contactPhone, "contact-phone")}
        {field("bank", contact.bankDetails, "contact-bank")}
      </dl>
      <div className="mt-3 text-slate-600" data-testid="contact-status">
        {contact.masked ? (
          <p>{t("maskedNote")}</p>
        ) : contact.grant ? (
          <p className="text-amber-900">
            {t("grantActive", { time: formatDateTime(contact.grant.expiresAt, locale) })}
            <GrantCountdown expiresAt={contact.grant.expiresAt} />
          </p>
        ) : (
          <p>{t("unmaskedByRole")}</p>
        )}
        {contact.pendingRequest && (
          // A status: after support asks, the page's refresh replaces the form (and its "sent"
          // message) with this line, so this is what stays and what a screen reader announces.
          <p className="mt-2 text-slate-800" data-testid="pending-request" role="status">
            {t("pendingRequest", { when: formatDateTime(contact.pendingRequest.createdAt, locale) })}{" "}
            <Link href="/access" className="text-blue-800 hover:underline">
              {t("seeRequests")}
            </Link>
          </p>
        )}
      </div>
      {contact.canRequest && (
        <RequestAccessForm customerId={customerId} minLength={reasonLimits.min} maxLength={reasonLimits.max} />
      )}
    </section>
  );
}
