import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** Server-side session id; everything else is read from the database per request. */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}
