import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";

// Served by the API at /console/; every asset is local (no CDN), so the console works on a closed network.
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // GraphiQL's react-compiler-runtime carries a "use no memo" directive the bundler cannot keep (harmless).
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
      input: {
        index: resolve(import.meta.dirname, "index.html"),
        graphiql: resolve(import.meta.dirname, "graphiql.html"),
      },
    },
  },
  server: {
    fs: { allow: [".."] },
    proxy: { "/graphql": "http://127.0.0.1:8000", "/auth": "http://127.0.0.1:8000", "/exports": "http://127.0.0.1:8000" },
  },
});
