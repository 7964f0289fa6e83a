// vtk.js 36 ships this module without a declaration (viewer/cornerstone/norm16Probe.ts calls it).
declare module '@kitware/vtk.js/Rendering/OpenGL/Texture/supportsNorm16Linear' {
  /** Whether linear filtering of EXT_texture_norm16 textures works here; probed once, then cached by vtk.js. */
  export default function supportsNorm16LinearCached(): boolean;
}
