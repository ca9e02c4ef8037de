import { ChangeDetectionStrategy, Component, Injector, inject, signal } from '@angular/core';
import { scan } from 'rxjs';
import { toolCallDeltas, type ChatCompletionTool, type ToolCallDelta } from 'rxjs-openai-stream';
import { injectOpenAIStream, streamSignals, type StreamSignals } from 'rxjs-openai-stream/angular';

const TOOLS: ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Current weather for a city.',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

/**
 * A tool call as the model writes it: `toolCallDeltas()` emits each call as its arguments grow, and a
 * click starts the stream with `streamSignals(..., { injector })` (a click handler is no injection context).
 */
@Component({
  selector: 'app-tool-call-preview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel preview">
      <h2>Tool call, as it streams</h2>
      <button id="tool-run" type="button" (click)="run()">Ask for the weather in Paris</button>
      @if (calls(); as state) {
        <span class="status" id="tool-status" [attr.data-status]="state.status()">{{ state.status() }}</span>
        @for (call of state.value(); track call.index) {
          <dl class="tool" [attr.data-tool-index]="call.index">
            <dt>Tool</dt>
            <dd class="tool-name">{{ call.name }}</dd>
            <dt>Call id</dt>
            <dd class="tool-id">{{ call.id }}</dd>
            <dt>Arguments</dt>
            <dd>
              <pre class="tool-args">{{ call.arguments }}</pre>
            </dd>
          </dl>
        }
        @if (state.error(); as error) {
          <div class="error" role="alert">
            <strong class="error-name">{{ error.name }}</strong>
            <span class="error-message">{{ error.message }}</span>
          </div>
        }
      }
    </section>
  `,
})
export class ToolCallPreviewComponent {
  private readonly client = injectOpenAIStream();
  private readonly injector = inject(Injector);
  readonly calls = signal<StreamSignals<ToolCallDelta[]> | undefined>(undefined);

  run(): void {
    this.calls()?.stop();
    const calls$ = this.client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
        tools: TOOLS,
        tool_choice: 'required',
        stream: true,
      })
      .pipe(
        toolCallDeltas(),
        scan(
          (calls: ToolCallDelta[], call) =>
            [...calls.filter((c) => c.index !== call.index), call].sort((a, b) => a.index - b.index),
          [],
        ),
      );
    this.calls.set(streamSignals(calls$, { initialValue: [], injector: this.injector }));
  }
}
