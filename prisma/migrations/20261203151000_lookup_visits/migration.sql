-- CreateTable
CREATE TABLE "LookupVisit" (
    "userId" UUID NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "visitedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LookupVisit_pkey" PRIMARY KEY ("userId","targetType","targetId")
);

-- CreateIndex
CREATE INDEX "LookupVisit_userId_visitedAt_idx" ON "LookupVisit"("userId", "visitedAt");
