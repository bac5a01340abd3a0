export { programHeadlines } from "./program-headlines.ts";
