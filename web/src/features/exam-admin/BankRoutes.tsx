import { Route, Routes } from "react-router";
import { RequireRole } from "../../ui/index.ts";
import { NotFoundPage } from "../errors/NotFoundPage.tsx";
import { BankItemPage } from "./BankItemPage.tsx";
import { BankPage } from "./BankPage.tsx";
import { ItemEditorPage } from "./ItemEditorPage.tsx";

/** The item bank's pages under /exams/bank: the list, a new item, an item, and its editor. */
export function BankRoutes() {
  return (
    <Routes>
      <Route index element={<BankPage />} />
      <Route
        path="new"
        element={
          <RequireRole roles={["admin"]}>
            <ItemEditorPage />
          </RequireRole>
        }
      />
      <Route path=":code" element={<BankItemPage />} />
      <Route
        path=":code/edit"
        element={
          <RequireRole roles={["admin"]}>
            <ItemEditorPage />
          </RequireRole>
        }
      />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
