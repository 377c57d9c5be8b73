// A ReactiveController that re-renders its host every second, aligned to the wall clock.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class ClockController implements ReactiveController {
  now = Date.now();
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#tick();
  }

  hostDisconnected(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #tick = (): void => {
    this.now = Date.now();
    this.host.requestUpdate();
    this.#timer = setTimeout(this.#tick, 1000 - (this.now % 1000) + 5);
  };
}
