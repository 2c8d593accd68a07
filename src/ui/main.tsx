import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { ToastProvider } from "./kit/components/Toasts";
import { App } from "./shell/App";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ToastProvider>
      <App />
    </ToastProvider>
  </StrictMode>,
);
