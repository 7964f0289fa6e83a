import { useId } from 'react';
import type { ChartModel } from '../model/comparisonChartModel';

// Everything is drawn with presentation attributes on the SVG itself (no CSS classes, no external fonts or images), so
// that the element can be saved as a standalone .svg or drawn onto a canvas for a .png (see export/chartImage.ts).

const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif';
const TEXT_COLOUR = '#1a1a1a';
const MUTED_COLOUR = '#555555';
const AXIS_COLOUR = '#333333';
const GRID_COLOUR = '#e3e3e3';

/** Coordinates rounded to 0.01 unit: finer than any screen or print, and keeps the exported file small. */
function px(value: number): number {
  return Math.round(value * 100) / 100;
}

function summaryOf(model: ChartModel): string {
  if (model.levels.length === 0) return 'No vertebra measured.';
  const levels = model.levels.map((l) => l.level).join(', ');
  const times = model.timePoints.map((t) => t.label).join(', ');
  return `Bar chart of anterior (Ha), middle (Hm) and posterior (Hp) vertebral heights in mm at ${levels}, one bar per time point (${times}), earlier lighter, later darker.`;
}

/**
 * Vertebral heights over time as a self-contained SVG (layout from buildChartModel): per level, Ha · Hm · Hp clusters
 * with one bar per time point; every bar carries its unrounded height in data-value (mm) and a tooltip.
 */
export function ComparisonChart({ model, title }: { model: ChartModel; title: string }) {
  const id = useId();
  const titleId = `${id}title`;
  const descId = `${id}desc`;
  const { plot } = model;
  return (
    <svg
      data-testid="comparison-chart"
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      viewBox={`0 0 ${model.width} ${model.height}`}
      width={model.width}
      height={model.height}
      style={{ maxWidth: '100%', height: 'auto' }}
      fontFamily={FONT_FAMILY}
      fill={TEXT_COLOUR}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{summaryOf(model)}</desc>
      <rect x={0} y={0} width={model.width} height={model.height} fill="#ffffff" />
      <text x={plot.left} y={model.titleY} fontSize={14} fontWeight={600}>
        {title}
      </text>

      <g data-testid="chart-legend" fontSize={10}>
        {model.legend.headers.map((h) => (
          <text key={h.heightKind} x={px(h.centerX)} y={px(h.y)} textAnchor="middle" fill={MUTED_COLOUR}>
            {h.label}
          </text>
        ))}
        {model.legend.rows.map((row) => (
          <g key={row.timePointIndex}>
            {row.swatches.map((s) => (
              <rect key={s.heightKind} x={px(s.x)} y={px(s.y)} width={s.size} height={s.size} fill={s.fill} stroke={s.stroke} strokeWidth={0.75} />
            ))}
            <text x={px(row.textX)} y={px(row.y)} fontSize={11}>
              {row.label}
            </text>
          </g>
        ))}
      </g>

      <g data-testid="chart-y-axis" fontSize={10}>
        {model.yAxis.ticks.map((tick) => (
          <g key={tick.valueMm}>
            <line x1={plot.left} x2={plot.right} y1={px(tick.y)} y2={px(tick.y)} stroke={GRID_COLOUR} strokeWidth={1} />
            <line x1={plot.left - 4} x2={plot.left} y1={px(tick.y)} y2={px(tick.y)} stroke={AXIS_COLOUR} strokeWidth={1} />
            <text x={plot.left - 7} y={px(tick.y)} dy="0.32em" textAnchor="end" fill={MUTED_COLOUR}>
              {tick.label}
            </text>
          </g>
        ))}
        <text
          x={14}
          y={px((plot.top + plot.bottom) / 2)}
          transform={`rotate(-90 14 ${px((plot.top + plot.bottom) / 2)})`}
          textAnchor="middle"
          fontSize={11}
          fill={MUTED_COLOUR}
        >
          {model.yAxis.title}
        </text>
      </g>

      <g data-testid="chart-bars">
        {model.bars.map((bar) => (
          <rect
            key={`${bar.level}-${bar.heightKind}-${bar.timePointIndex}`}
            data-testid="chart-bar"
            data-level={bar.level}
            data-height={bar.heightKind}
            data-time-point={bar.timePointIndex}
            data-value={String(bar.valueMm)}
            x={px(bar.x)}
            y={px(bar.y)}
            width={px(bar.width)}
            height={px(bar.height)}
            fill={bar.fill}
            stroke={bar.stroke}
            strokeWidth={0.75}
          >
            <title>{bar.description}</title>
          </rect>
        ))}
      </g>

      {model.gaps.map((gap) => (
        <text
          key={`${gap.level}-${gap.heightKind}-${gap.timePointIndex}`}
          data-testid="chart-gap"
          x={px(gap.x)}
          y={plot.bottom - 3}
          textAnchor="middle"
          fontSize={9}
          fill={MUTED_COLOUR}
        >
          ×<title>{`${gap.level} not measured at ${gap.timePointLabel}`}</title>
        </text>
      ))}

      {model.trends.map((trend) => (
        <g key={`${trend.level}-${trend.heightKind}`}>
          <polyline
            data-testid="chart-trend"
            data-level={trend.level}
            data-height={trend.heightKind}
            points={trend.points.map((p) => `${px(p.x)},${px(p.y)}`).join(' ')}
            fill="none"
            stroke={trend.stroke}
            strokeWidth={1.5}
            strokeLinejoin="round"
          />
          {trend.points.map((p) => (
            <circle key={p.timePointIndex} cx={px(p.x)} cy={px(p.y)} r={2.2} fill={trend.stroke} />
          ))}
        </g>
      ))}

      <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke={AXIS_COLOUR} strokeWidth={1} />
      <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} stroke={AXIS_COLOUR} strokeWidth={1} />

      <g data-testid="chart-x-axis" textAnchor="middle">
        {model.levels.map((level) => (
          <g key={level.level}>
            {level.clusters.map((c) => (
              <text key={c.heightKind} x={px(c.centerX)} y={model.clusterLabelY} fontSize={9} fill={MUTED_COLOUR}>
                {c.label}
              </text>
            ))}
            <text x={px(level.centerX)} y={model.levelLabelY} fontSize={12} fontWeight={600}>
              {level.level}
            </text>
          </g>
        ))}
      </g>

      {model.levels.length === 0 && (
        <text x={px((plot.left + plot.right) / 2)} y={px((plot.top + plot.bottom) / 2)} textAnchor="middle" fontSize={12} fill={MUTED_COLOUR}>
          No vertebra measured
        </text>
      )}
    </svg>
  );
}
