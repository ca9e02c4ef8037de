import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { ChatCompletionMessageParam } from 'rxjs-openai-stream';

/** The text of a message's content, whether a string or an array of text parts. */
function textOf(message: ChatCompletionMessageParam): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => ('text' in part ? part.text : 'refusal' in part ? part.refusal : '')).join('');
}

/**
 * One finished message. Assistant tool calls and tool results show the tool's name and the call id in
 * their own fields, ready for the tool loop.
 */
@Component({
  selector: 'li[app-message]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'message', '[class]': 'message().role', '[attr.data-role]': 'message().role' },
  template: `
    <span class="role">{{ message().role }}</span>
    @if (text()) {
      <p class="content">{{ text() }}</p>
    }
    @for (call of toolCalls(); track call.id) {
      <dl class="tool">
        <dt>Tool</dt>
        <dd class="tool-name">{{ call.function.name }}</dd>
        <dt>Call id</dt>
        <dd class="tool-id">{{ call.id }}</dd>
        <dt>Arguments</dt>
        <dd>
          <pre class="tool-args">{{ call.function.arguments }}</pre>
        </dd>
      </dl>
    }
    @if (toolCallId(); as id) {
      <p class="tool-result-of">
        result of <code class="tool-id">{{ id }}</code>
      </p>
    }
  `,
})
export class MessageComponent {
  readonly message = input.required<ChatCompletionMessageParam>();
  protected readonly text = computed(() => textOf(this.message()));
  protected readonly toolCalls = computed(() => {
    const message = this.message();
    return message.role === 'assistant' ? (message.tool_calls ?? []) : [];
  });
  protected readonly toolCallId = computed(() => {
    const message = this.message();
    return message.role === 'tool' ? message.tool_call_id : undefined;
  });
}
