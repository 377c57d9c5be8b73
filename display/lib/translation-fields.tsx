// Fields for a name in the school's other screen languages ("Floor in Spanish"), one per language; nothing at all
// for a school whose screens speak one language. Blank means no translation: screens show the name as typed.
import type { Language, Translations } from '../../shared/model.ts';
import { withTranslation } from '../../shared/translations.ts';
import { LANGUAGE_NAMES } from './language-names.ts';

export function TranslationFields(props: {
  /** The languages to offer (translationLanguages of the site). */
  languages: readonly Language[];
  /** What is translated, as the label starts: "Floor" → "Floor in Spanish". */
  what: string;
  translations: Translations | undefined;
  maxLength: number;
  disabled?: boolean;
  /** data-test of each field, followed by "-" and the language. */
  test: string;
  /** "inline" beside a name in a list row; otherwise stacked under it like the other fields. */
  class?: string;
  onChange: (translations: Translations | undefined) => void;
}) {
  return (
    <>
      {props.languages.map((language) => (
        <label class={['translation', props.class].filter(Boolean).join(' ')}>
          {props.what} in {LANGUAGE_NAMES[language]}
          <input
            lang={language}
            data-test={`${props.test}-${language}`}
            value={props.translations?.[language] ?? ''}
            maxLength={props.maxLength}
            disabled={props.disabled}
            onInput={(e) => props.onChange(withTranslation(props.translations, language, e.currentTarget.value))}
          />
        </label>
      ))}
    </>
  );
}
