// The rest of Mantine's styles (screens.css) as a module: router.tsx loads it before any
// screen but the entry's renders, and the command palette (which may open over an entry
// screen) imports it too; one chunk either way.
import "./screens.css";
