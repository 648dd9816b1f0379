import { PageLoading } from "@/components/ui/page-loading";

export default function Loading() {
  return <PageLoading rows={10} />;
}
