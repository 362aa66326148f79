// The rest of Mantine's styles (screens.css) as a module: router.tsx loads it before any
// screen but the entry's renders.
import "./screens.css";
