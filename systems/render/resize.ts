/**
 * Notes canvas size changes so the render stage resizes the engine just before it draws.
 * Resizing inside the ResizeObserver callback would clear the freshly drawn buffer after
 * the frame callback and before paint, flashing one blank frame.
 */
export class CanvasResize {
  /** True when the canvas changed size since the engine last resized. */
  pending = true
  private readonly observer: ResizeObserver

  constructor(canvas: HTMLCanvasElement) {
    this.observer = new ResizeObserver(() => {
      this.pending = true
    })
    this.observer.observe(canvas)
  }

  /** Stops watching the canvas. */
  dispose(): void {
    this.observer.disconnect()
  }
}
