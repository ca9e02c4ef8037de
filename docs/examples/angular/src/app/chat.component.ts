import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { injectChat } from 'rxjs-openai-stream/angular';
import { MessageComponent } from './message.component';
import { getWeather } from './weather-tool';

/**
 * The conversation: history, the reply streaming in (paced word by word), a weather tool that runs in the
 * page when the model calls it (its progress and result shown live), Stop, Regenerate, Retry.
 */
@Component({
  selector: 'app-chat',
  imports: [MessageComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel chat">
      <ol class="messages" aria-live="polite">
        @for (message of history(); track $index) {
          <li app-message [message]="message"></li>
        }
        @if (chat.toolCalls().length) {
          <li class="message tools" id="tool-activity">
            <span class="role">tools</span>
            @for (call of chat.toolCalls(); track $index) {
              <dl class="tool" [attr.data-status]="call.status">
                <dt>Tool</dt>
                <dd class="tool-name">{{ call.name }}</dd>
                <dt>Call id</dt>
                <dd class="tool-id">{{ call.id }}</dd>
                <dt>Arguments</dt>
                <dd>
                  <pre class="tool-args">{{ call.arguments }}</pre>
                </dd>
                <dt>Status</dt>
                <dd class="tool-status">
                  {{ call.status === 'running' ? 'running in the page…' : call.status }}
                </dd>
                @if (call.output !== undefined) {
                  <dt>{{ call.status === 'error' ? 'Error' : 'Result' }}</dt>
                  <dd>
                    <pre class="tool-result">{{ call.output }}</pre>
                  </dd>
                }
              </dl>
            }
          </li>
        }
        @if (showReply()) {
          <li class="message assistant reply" id="reply" [attr.data-status]="chat.status()">
            <span class="role">assistant</span>
            @if (chat.status() === 'submitted') {
              <span class="typing">thinking…</span>
            }
            <p class="content">{{ chat.text() }}</p>
          </li>
        }
      </ol>
      @if (chat.error(); as error) {
        <div class="error" id="error" role="alert">
          <strong class="error-name">{{ error.name }}</strong>
          <span class="error-message">{{ error.message }}</span>
          <button id="retry" type="button" (click)="chat.regenerate()">Retry</button>
        </div>
      }
      <form (submit)="send($event)">
        <textarea
          id="prompt"
          placeholder="Ask something…"
          [value]="draft()"
          (input)="draft.set($any($event.target).value)"
          (keydown.enter)="send($event)"
        ></textarea>
        <div class="actions">
          <button id="send" type="submit" [disabled]="draft().trim() === ''">Send</button>
          @if (chat.busy()) {
            <button id="stop" type="button" (click)="chat.stop()">Stop</button>
          } @else {
            <button
              id="regenerate"
              type="button"
              (click)="chat.regenerate()"
              [disabled]="history().length === 0"
            >
              Regenerate
            </button>
          }
          <button id="reset" type="button" (click)="chat.reset()">New chat</button>
          <span class="status" id="status" [attr.data-status]="chat.status()">{{ chat.status() }}</span>
        </div>
      </form>
    </section>
  `,
})
export class ChatComponent {
  readonly chat = injectChat({
    model: 'gpt-4o-mini',
    messages: [{ role: 'system', content: 'You are a friendly assistant. Answer in a short paragraph.' }],
    tools: [getWeather],
    maxSteps: 4,
    smooth: true,
  });
  readonly draft = signal('Tell me a short story about a lighthouse.');
  /** The conversation without the system message. */
  readonly history = computed(() => this.chat.messages().filter((message) => message.role !== 'system'));
  /** The reply bubble: while it streams, and after an error (the text that arrived stays visible). */
  readonly showReply = computed(
    () =>
      (this.chat.busy() && (this.chat.text() !== '' || this.chat.toolCalls().length === 0)) ||
      (this.chat.status() === 'error' && this.chat.text() !== ''),
  );

  send(event: Event): void {
    event.preventDefault();
    const content = this.draft().trim();
    if (content === '') return;
    this.chat.send(content);
    this.draft.set('');
  }
}
