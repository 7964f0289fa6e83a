import { describe, expect, it } from 'vitest';
import { gpuWaits } from '../bench/peer/gpuWaits';
import type { TraceEvent } from '../bench/mainThreadTrace';

const PAGE = { pid: 1, tid: 10 };
const GPU = { pid: 2, tid: 20 };
const metadata: TraceEvent[] = [
  { name: 'process_name', ph: 'M', pid: 1, tid: 0, ts: 0, args: { name: 'Renderer' } },
  { name: 'thread_name', ph: 'M', ...PAGE, ts: 0, args: { name: 'CrRendererMain' } },
  { name: 'process_name', ph: 'M', pid: 2, tid: 0, ts: 0, args: { name: 'GPU Process' } },
  { name: 'thread_name', ph: 'M', ...GPU, ts: 0, args: { name: 'CrGpuMain' } },
];

/** A complete event from `fromMs` to `toMs` on `thread`. */
function span(name: string, thread: { pid: number; tid: number }, fromMs: number, toMs: number): TraceEvent {
  return { name, ph: 'X', ...thread, ts: fromMs * 1000, dur: (toMs - fromMs) * 1000, tdur: (toMs - fromMs) * 1000 };
}

describe('gpuWaits', () => {
  // The page asks for a shader's compile status at 1,000 ms while the GPU process still runs the slice uploads sent
  // before it: the wait is the uploads' (the flush's own time), not the compile's.
  const trace: TraceEvent[] = [
    ...metadata,
    span('RunTask', PAGE, 0, 2_000),
    span('GLES2Implementation::GetShaderiv', PAGE, 1_000, 1_230),
    span('CommandBufferHelper::Finish', PAGE, 1_001, 1_229),
    span('CommandBufferProxyImpl::WaitForGetOffset', PAGE, 1_002, 1_228),
    span('GLES2::ReadPixels', PAGE, 1_500, 1_505),
    span('CommandBufferHelper::Finish', PAGE, 1_501, 1_504),
    span('CommandBufferProxyImpl::WaitForToken', PAGE, 1_600, 1_650),
    span('CommandBufferService:PutChanged', GPU, 900, 1_225),
    span('ShaderTranslateTask::run', GPU, 1_215, 1_220),
    span('SkiaOutputSurfaceImplOnGpu::SwapBuffers', GPU, 1_300, 1_400),
  ];

  it('lists each wait of at least the given length once, with the WebGL call that waited', () => {
    expect(gpuWaits(trace, 20).map((w) => [w.atMs, w.waitMs, w.call])).toEqual([
      [1_001, 228, 'GLES2Implementation::GetShaderiv'],
      [1_600, 50, 'CommandBufferProxyImpl::WaitForToken'],
    ]);
    expect(gpuWaits(trace, 2).map((w) => w.call)).toEqual(['GLES2Implementation::GetShaderiv', 'GLES2::ReadPixels', 'CommandBufferProxyImpl::WaitForToken']);
  });

  it('says what the GPU process ran during the wait, by the own time of each event within it', () => {
    expect(gpuWaits(trace, 50)[0]?.gpuMainMs).toEqual([
      ['CommandBufferService:PutChanged', 219],
      ['ShaderTranslateTask::run', 5],
    ]);
  });

  it('finds nothing in a trace without the main thread of a page', () => {
    expect(gpuWaits(metadata.slice(2), 0)).toEqual([]);
  });
});
