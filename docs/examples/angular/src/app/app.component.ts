import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ChatComponent } from './chat.component';
import { ToolCallPreviewComponent } from './tool-call-preview.component';

@Component({
  selector: 'app-root',
  imports: [ChatComponent, ToolCallPreviewComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1>rxjs-openai-stream · Angular</h1>
      <app-chat />
      <app-tool-call-preview />
    </main>
  `,
})
export class AppComponent {}
