import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { injectChat } from 'rxjs-openai-stream/angular';
import { Forecast } from './forecast';

/**
 * A structured answer rendered as a card while it grows: `injectChat({ schema })` sends the schema as
 * `response_format` and `object()` holds the typed, validated answer so far. A field appears once it is
 * complete; strings (the summary) grow as they are written.
 */
@Component({
  selector: 'app-forecast-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="panel forecast">
      <h2>A structured answer, as it grows</h2>
      <form (submit)="ask($event)">
        <input id="forecast-city" [value]="city()" (input)="city.set($any($event.target).value)" />
        <button id="forecast-run" type="submit">Forecast</button>
        @if (chat.busy()) {
          <button id="forecast-stop" type="button" (click)="chat.stop()">Stop</button>
        }
        <span class="status" id="forecast-status" [attr.data-status]="chat.status()">{{
          chat.status()
        }}</span>
      </form>
      @if (chat.object(); as forecast) {
        <article class="card" id="forecast-card" [attr.data-days]="forecast.days?.length ?? 0">
          <h3 class="city">{{ forecast.city ?? '…' }}</h3>
          <p class="summary">{{ forecast.summary }}</p>
          <ol class="days">
            @for (day of forecast.days ?? []; track $index) {
              <li [attr.data-sky]="day.sky">
                <span class="day">{{ day.day }}</span>
                <span class="sky">{{ day.sky ?? '…' }}</span>
                <span class="temps">{{ day.high ?? '…' }}° / {{ day.low ?? '…' }}°</span>
              </li>
            }
          </ol>
        </article>
      }
      @if (chat.error(); as error) {
        <div class="error" role="alert">
          <strong class="error-name">{{ error.name }}</strong>
          <span class="error-message">{{ error.message }}</span>
        </div>
      }
    </section>
  `,
})
export class ForecastCardComponent {
  readonly chat = injectChat({ model: 'gpt-4o-mini', schema: Forecast, schemaName: 'forecast' });
  readonly city = signal('Lisbon');

  ask(event: Event): void {
    event.preventDefault();
    this.chat.reset(); // one question per card
    this.chat.send(`A three-day forecast for ${this.city().trim() || 'Paris'}.`);
  }
}
