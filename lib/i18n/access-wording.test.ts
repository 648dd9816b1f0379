// Access requests are decided by managers (承認者 in Japanese); 管理者 is the admin role's label.
// Support reads who decides their request on the customer page and the access requests page.
import { describe, expect, it } from "vitest";
import { accessMessages } from "./messages/access";
import { lookupMessages } from "./messages/lookup";
import { shellMessages } from "./messages/shell";

describe("who decides an access request, as support reads it", () => {
  const supportTexts = {
    maskedNote: lookupMessages.ja.maskedNote,
    pendingRequest: lookupMessages.ja.pendingRequest,
    reasonHelp: lookupMessages.ja.reasonHelp,
    requestSent: lookupMessages.ja.requestSent,
    introSupport: accessMessages.ja.introSupport,
    ownRequest: accessMessages.ja.ownRequest,
  };

  it("is a 承認者 (the manager role's label), never a 管理者 (the admin role's)", () => {
    expect(shellMessages.ja.roleMANAGER).toBe("承認者");
    expect(shellMessages.ja.roleADMIN).toBe("管理者");
    for (const [key, text] of Object.entries(supportTexts)) {
      expect(text, key).toContain("承認者");
      expect(text, key).not.toContain("管理者");
    }
  });

  it("is a manager in English", () => {
    expect(lookupMessages.en.requestSent.toLowerCase()).toContain("manager");
    expect(accessMessages.en.introSupport.toLowerCase()).toContain("manager");
  });
});
