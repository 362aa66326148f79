/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_APIK_PUBLIC_OFFICE?: string;
}
