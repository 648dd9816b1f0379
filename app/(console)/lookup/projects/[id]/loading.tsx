import { PageSkeleton } from "@/components/lookup/page-skeleton";

export default function Loading() {
  return <PageSkeleton />;
}
