// The demo users, one per role plus a second finance user, a second manager and a person
// holding both finance and manager (to show the separation rules apply to the person).
import type { Role } from "@/lib/generated/prisma/enums";

export const DEMO_USERS: ReadonlyArray<{ email: string; name: string; roles: Role[] }> = [
  { email: "finance@demo.local", name: "経理 花子 (Hanako Keiri)", roles: ["FINANCE"] },
  { email: "finance2@demo.local", name: "会計 次郎 (Jiro Kaikei)", roles: ["FINANCE"] },
  { email: "manager@demo.local", name: "承認 太郎 (Taro Shonin)", roles: ["MANAGER"] },
  { email: "manager2@demo.local", name: "部長 恵子 (Keiko Bucho)", roles: ["MANAGER"] },
  { email: "support@demo.local", name: "窓口 優子 (Yuko Madoguchi)", roles: ["SUPPORT"] },
  { email: "admin@demo.local", name: "管理 健 (Ken Kanri)", roles: ["ADMIN"] },
  { email: "dual@demo.local", name: "兼務 亮 (Ryo Kenmu, finance + manager)", roles: ["FINANCE", "MANAGER"] },
];
