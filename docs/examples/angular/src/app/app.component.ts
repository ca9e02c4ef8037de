import { ChangeDetectionStrategy, Component } from '@angular/core';
import { ChatComponent } from './chat.component';
import { ForecastCardComponent } from './forecast-card.component';

@Component({
  selector: 'app-root',
  imports: [ChatComponent, ForecastCardComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main>
      <h1>rxjs-openai-stream · Angular</h1>
      <app-chat />
      <app-forecast-card />
    </main>
  `,
})
export class AppComponent {}
