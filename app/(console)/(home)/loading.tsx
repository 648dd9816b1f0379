import { PageLoading } from "@/components/ui/page-loading";

export default function Loading() {
  return <PageLoading tiles={6} rows={3} />;
}
