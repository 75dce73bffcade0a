import { useState } from 'preact/hooks';
import { useKioskState, useServices, useText } from '../../app/context.js';
import { dictionaries } from '../../i18n/dict.js';
import { triageView, type TriageView } from './state.js';
import { TextInput } from '../../app/TextInput.js';

/**
 * The department the dialogue suggested from the guest's symptoms (both languages), the disclaimer, the
 * way there and how to register; and a box to describe symptoms, which goes through the dialogue.
 * Red-flag symptoms never reach this screen: the dialogue escalates them as an emergency.
 */
export function TriageScreen() {
  const state = useKioskState();
  const t = useText();
  const { controller } = useServices();
  const department = state.triage?.department ?? null;
  const view = department ? triageView(department, state.kb, state.lang) : null;
  return (
    <section class="journey" aria-labelledby="triage-title">
      <h1 id="triage-title">{t.triageTitle}</h1>
      {view ? (
        <DepartmentCard view={view} />
      ) : (
        <>
          <p>{t.triageNoDepartment}</p>
          <p class="disclaimer">{t.triageDisclaimer}</p>
        </>
      )}
      <DescribeSymptoms />
      {view?.emergency && (
        <button type="button" class="primary" onClick={() => void controller.requestPerson('emergency')}>
          {t.callDesk}
        </button>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={() => controller.finish()}>
          {t.endSession}
        </button>
      </div>
    </section>
  );
}

/** The suggested department in both languages, the way there and how to register. */
function DepartmentCard({ view }: { view: TriageView }) {
  const { lang } = useKioskState();
  const t = useText();
  const { store } = useServices();
  const other = lang === 'zh' ? 'en' : 'zh';
  return (
    <div class={`result-card${view.emergency ? ' urgent' : ''}`} data-department={view.department}>
      <p>{t.triageSuggested}</p>
      <p class="big-answer">{t.departments[view.department]}</p>
      <p lang={other === 'zh' ? 'zh-CN' : 'en'}>{dictionaries[other].departments[view.department]}</p>
      {view.placeName && <p>{view.placeName}</p>}
      {view.emergency && <p role="alert">{t.triageEmergency}</p>}
      <p class="disclaimer">{t.triageDisclaimer}</p>
      {view.place && (
        <button
          type="button"
          class="primary"
          onClick={() =>
            view.place &&
            store.dispatch({
              type: 'flow',
              flow: 'wayfinding',
              slots: { place: view.place },
              department: view.department,
            })
          }
        >
          {t.showTheWay}
        </button>
      )}
      {view.registration && (
        <>
          <h2>{t.triageRegistration}</h2>
          <p>{view.registration}</p>
        </>
      )}
    </div>
  );
}

/** A box to describe symptoms; it goes through the dialogue like any question. */
function DescribeSymptoms() {
  const t = useText();
  const { controller, store } = useServices();
  const [text, setText] = useState('');
  return (
    <form
      class="journey-form"
      onSubmit={(e) => {
        e.preventDefault();
        const symptoms = text.trim();
        if (!symptoms) return;
        setText('');
        // The answer (and a new suggestion, or an emergency) comes from the dialogue, on the ask screen.
        store.dispatch({ type: 'triage.describe' });
        void controller.ask(symptoms);
      }}
    >
      <label for="triage-text">{t.triageDescribe}</label>
      <TextInput
        id="triage-text"
        maxLength={500}
        placeholder={t.triageDescribeHint}
        value={text}
        onValue={setText}
      />
      <button type="submit" class="primary">
        {t.send}
      </button>
    </form>
  );
}
