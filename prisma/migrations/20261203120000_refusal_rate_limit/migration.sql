-- CreateTable
CREATE TABLE "RefusalWindow" (
    "client" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,
    "reasons" JSONB NOT NULL,
    "firstAt" TIMESTAMPTZ(3) NOT NULL,
    "lastAt" TIMESTAMPTZ(3) NOT NULL,
    "summarizedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RefusalWindow_pkey" PRIMARY KEY ("client","windowStart")
);

-- CreateIndex
CREATE INDEX "RefusalWindow_windowStart_idx" ON "RefusalWindow"("windowStart");
