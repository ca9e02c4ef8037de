import { JsonPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { Subscription } from 'rxjs';
import { streamUntilDestroyed } from 'rxjs-openai-stream/angular';
import { ChatService, type ChatEvent } from './chat.service';

type Status = 'idle' | 'streaming' | 'done' | 'stopped' | 'error';
interface ToolView {
  index: number;
  id: string | null;
  name: string;
  arguments: string;
  partial: unknown;
}

@Component({
  selector: 'app-chat-panel',
  imports: [JsonPipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel">
      <label for="prompt">Prompt</label>
      <textarea id="prompt" [value]="prompt()" (input)="prompt.set($any($event.target).value)"></textarea>
      <div>
        <button id="send" (click)="send()" [disabled]="status() === 'streaming'">Send</button>
        <button id="stop" (click)="stop()" [disabled]="status() !== 'streaming'">Stop</button>
        <span class="status" id="status" [attr.data-status]="status()"
          >{{ status() }} · {{ chunks() }} chunks</span
        >
      </div>
    </section>
    <section class="panel">
      <div class="answer" id="answer">{{ answer() }}</div>
      @for (call of toolCalls(); track call.index) {
        <div class="tool" [attr.data-tool-index]="call.index">
          <strong class="tool-name">{{ call.name }}</strong> <span class="tool-id">{{ call.id }}</span>
          <pre class="tool-args">{{ call.arguments }}</pre>
          <div class="tool-partial">partial: {{ call.partial | json }}</div>
        </div>
      }
      @if (error(); as failure) {
        <div class="error" id="error" role="alert">
          <strong class="error-name">{{ failure.name }}</strong>:
          <span class="error-message">{{ failure.message }}</span>
        </div>
      }
    </section>
  `,
})
export class ChatPanelComponent {
  private readonly chat = inject(ChatService);
  // Captured in the injection context so that `send()` (a click handler) can tie streams to this component.
  private readonly untilDestroyed = streamUntilDestroyed<ChatEvent>();
  private subscription: Subscription | undefined;

  readonly prompt = signal('Tell me a short story about a lighthouse.');
  readonly answer = signal('');
  readonly toolCalls = signal<ToolView[]>([]);
  readonly status = signal<Status>('idle');
  readonly chunks = signal(0);
  readonly error = signal<{ name: string; message: string } | undefined>(undefined);

  send(): void {
    this.subscription?.unsubscribe();
    this.answer.set('');
    this.toolCalls.set([]);
    this.chunks.set(0);
    this.error.set(undefined);
    this.status.set('streaming');
    this.subscription = this.chat
      .ask(this.prompt())
      .pipe(this.untilDestroyed)
      .subscribe({
        next: (event) => this.apply(event),
        error: (error: unknown) => {
          const failure = error instanceof Error ? error : new Error(String(error));
          this.error.set({ name: failure.name, message: failure.message });
          this.status.set('error');
        },
        complete: () => this.status.set('done'),
      });
  }

  /** Unsubscribing aborts the fetch: the server sees the connection close. */
  stop(): void {
    if (this.status() !== 'streaming') return;
    this.subscription?.unsubscribe();
    this.status.set('stopped');
  }

  private apply(event: ChatEvent): void {
    this.chunks.update((n) => n + 1);
    if (event.kind === 'text') {
      this.answer.update((text) => text + event.delta);
      return;
    }
    this.toolCalls.update((calls) => {
      const others = calls.filter((call) => call.index !== event.index);
      const { kind: _kind, ...view } = event;
      return [...others, view].sort((a, b) => a.index - b.index);
    });
  }
}
