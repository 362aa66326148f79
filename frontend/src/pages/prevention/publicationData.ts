// The reads of the publications, social media and villages screens, one query each,
// keyed by what they ask; a record's query keeps its ETag for the next write (If-Match).
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { etagOf } from "../../lib/casework";
import { ARTICLE_KINDS, ARTICLE_STATUSES } from "../../lib/prevention";
import { NotForRole } from "./data";

export type Article = components["schemas"]["ArticlePublic"];
export type ArticleSummary = components["schemas"]["ArticleSummary"];
export type ArticleKind = Article["kind"];
export type ArticleStatus = Article["status"];
export type Post = components["schemas"]["PostPublic"];
export type Platform = Post["platform"];
export type Village = components["schemas"]["VillagePublic"];
export type Stage = Village["stage"];
export type PublishedArticle = components["schemas"]["PublishedArticle"];

export const KINDS: ArticleKind[] = [...ARTICLE_KINDS];
export const STATUSES: ArticleStatus[] = [...ARTICLE_STATUSES];
export const PLATFORMS: Platform[] = ["instagram", "facebook", "x", "youtube", "tiktok", "threads", "other"];

function refused(status: number, what: string): Error {
  return status === 403 ? new NotForRole(what) : new Error(what);
}

export function useArticles(kind: ArticleKind | undefined, status: ArticleStatus | undefined) {
  return useQuery({
    queryKey: ["prevention", "articles", kind ?? "", status ?? ""],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/articles", { params: { query: { kind, status, limit: 200 } } });
      if (!data) throw refused(response.status, "articles");
      // The listing answers JSON or CSV; JSON was asked for.
      return (data as components["schemas"]["Page_ArticleSummary_"]).items;
    },
    retry: false,
  });
}

export function useArticle(id: string) {
  return useQuery({
    queryKey: ["prevention", "article", id],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/articles/{article_id}", { params: { path: { article_id: id } } });
      if (response.status === 404 || response.status === 422) return null;
      if (!data) throw refused(response.status, "article");
      return { article: data, etag: etagOf(response.headers.get("ETag"), data.version) };
    },
    retry: false,
  });
}

export function usePosts(year: number) {
  return useQuery({
    queryKey: ["prevention", "posts", year],
    queryFn: async () => {
      const query = { since: `${year}-01-01`, until: `${year}-12-31` };
      const [posts, totals] = await Promise.all([
        api.GET("/api/v1/prevention/social-media", { params: { query } }),
        api.GET("/api/v1/prevention/social-media/totals", { params: { query: { year } } }),
      ]);
      if (!posts.data) throw refused(posts.response.status, "posts");
      if (!totals.data) throw refused(totals.response.status, "totals");
      return { posts: posts.data, totals: totals.data.platforms };
    },
    retry: false,
  });
}

export function useVillages(year: number) {
  return useQuery({
    queryKey: ["prevention", "villages", year],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/villages", { params: { query: { year } } });
      if (!data) throw refused(response.status, "villages");
      return data;
    },
    retry: false,
  });
}

export function useVillage(id: string) {
  return useQuery({
    queryKey: ["prevention", "village", id],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/villages/{village_id}", { params: { path: { village_id: id } } });
      if (response.status === 404 || response.status === 422) return null;
      if (!data) throw refused(response.status, "village");
      return { village: data, etag: etagOf(response.headers.get("ETag"), data.version) };
    },
    retry: false,
  });
}

// The village instrument's scheme versions (schemes of kind `village`).
export function useVillageSchemes() {
  return useQuery({
    queryKey: ["prevention", "schemes", "village"],
    queryFn: async () => {
      const { data, response } = await api.GET("/api/v1/prevention/schemes", { params: { query: { kind: "village" } } });
      if (!data) throw refused(response.status, "schemes");
      return data;
    },
    retry: false,
  });
}

// The public page (no login): published articles, a page at a time.
export function usePublishedArticles(cursor: string | undefined) {
  return useQuery({
    queryKey: ["prevention", "public-articles", cursor ?? ""],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/prevention/public/articles", { params: { query: { cursor, limit: 20 } } });
      if (error || !data) throw new Error("articles");
      return data;
    },
  });
}
