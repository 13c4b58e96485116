/**
 * Type colours in corpus.yaml: CSS colours only (named colours, hex, rgb()/rgba()/hsl()/hsla()),
 * since the value is handed to the editor's decoration styles as is.
 */
const NAMED = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood cadetblue ' +
    'chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray darkgreen darkgrey ' +
    'darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen darkslateblue darkslategray ' +
    'darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen ' +
    'fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender ' +
    'lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey ' +
    'lightpink lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen linen ' +
    'magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen ' +
    'mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange ' +
    'orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray ' +
    'slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen transparent'
  ).split(' '),
);

const N = '[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:e[+-]?\\d+)?';
const P = `${N}%?`;
const HUE = `${N}(?:deg|grad|rad|turn)?`;
const RGB = new RegExp(`^rgba?\\(\\s*(?:${P}\\s*,\\s*${P}\\s*,\\s*${P}(?:\\s*,\\s*${P})?|${P}\\s+${P}\\s+${P}(?:\\s*/\\s*${P})?)\\s*\\)$`, 'i');
const HSL = new RegExp(`^hsla?\\(\\s*(?:${HUE}\\s*,\\s*${P}\\s*,\\s*${P}(?:\\s*,\\s*${P})?|${HUE}\\s+${P}\\s+${P}(?:\\s*/\\s*${P})?)\\s*\\)$`, 'i');
const HEX = /^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** Longer than any CSS colour written by hand. */
const MAX_COLOR_LENGTH = 64;

export function isCssColor(s: string): boolean {
  if (s.length > MAX_COLOR_LENGTH) return false;
  const t = s.trim();
  return HEX.test(t) || NAMED.has(t.toLowerCase()) || RGB.test(t) || HSL.test(t);
}

/** The value shown in a problem: short, whatever was written. */
export function colorProblem(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `"${shown}" is not a CSS colour (a name such as "teal", "#1a5fb4", "rgb(26 95 180)" or "hsl(215 75% 40%)")`;
}

/**
 * A type colour as `#rrggbb`, for the places that take hex only (a Markdown hover's
 * `<span style="color:…">`, which VS Code's sanitiser restricts to hex and theme variables).
 * Hex, rgb() and hsl() convert (alpha dropped); named colours give undefined.
 */
export function hexColor(css: string): string | undefined {
  const t = css.trim().toLowerCase();
  if (HEX.test(t)) {
    const h = t.slice(1);
    return h.length <= 4 ? `#${[...h.slice(0, 3)].map((c) => c + c).join('')}` : `#${h.slice(0, 6)}`;
  }
  const args = /^(rgb|hsl)a?\((.*)\)$/.exec(t);
  if (!args || !(RGB.test(t) || HSL.test(t))) return undefined;
  const parts = args[2].split(/[\s,/]+/).filter(Boolean);
  const num = (p: string, scale: number) => (p.endsWith('%') ? (parseFloat(p) / 100) * scale : parseFloat(p));
  let rgb: number[];
  if (args[1] === 'rgb') rgb = parts.slice(0, 3).map((p) => num(p, 255));
  else {
    const h = hueDegrees(parts[0]);
    // Saturation and lightness are percentages, with or without the sign (CSS Color 4).
    const s = clamp01(parseFloat(parts[1]) / 100);
    const l = clamp01(parseFloat(parts[2]) / 100);
    // CSS Color 4's hsl-to-rgb.
    const f = (n: number) => {
      const k = (n + h / 30) % 12;
      return (l - s * Math.min(l, 1 - l) * Math.max(-1, Math.min(k - 3, 9 - k, 1))) * 255;
    };
    rgb = [f(0), f(8), f(4)];
  }
  return `#${rgb.map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')}`;
}

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}

function hueDegrees(p: string): number {
  const v = parseFloat(p);
  const deg = p.endsWith('grad') ? v * 0.9 : p.endsWith('rad') && !p.endsWith('grad') ? (v * 180) / Math.PI : p.endsWith('turn') ? v * 360 : v;
  return ((deg % 360) + 360) % 360;
}
