import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ChatPanelComponent } from './chat-panel.component';

@Component({
  selector: 'app-root',
  imports: [ChatPanelComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1>rxjs-openai-stream · Angular</h1>
      <app-chat-panel />
    </main>
  `,
})
export class AppComponent {}
