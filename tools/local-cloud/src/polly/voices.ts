/** A Polly voice and the espeak-ng voice that stands in for it locally. */
export interface LocalVoice {
  languageCode: string;
  gender: 'Female' | 'Male';
  espeakVoice: string;
}

const voice = (languageCode: string, gender: 'Female' | 'Male', espeak: string): LocalVoice => ({
  languageCode,
  gender,
  // espeak-ng's "+f3" variant is a female voice; the base voices are male.
  espeakVoice: gender === 'Female' ? `${espeak}+f3` : espeak,
});

const table: Record<string, LocalVoice> = {};
const add = (ids: string, languageCode: string, gender: 'Female' | 'Male', espeak: string) => {
  for (const id of ids.split(' ')) table[id] = voice(languageCode, gender, espeak);
};
add('Danielle Joanna Ivy Kendra Kimberly Salli Ruth', 'en-US', 'Female', 'en-us');
add('Joey Justin Kevin Matthew Stephen Gregory Patrick', 'en-US', 'Male', 'en-us');
add('Amy Emma', 'en-GB', 'Female', 'en-gb');
add('Brian Arthur', 'en-GB', 'Male', 'en-gb');
add('Nicole Olivia', 'en-AU', 'Female', 'en-gb');
add('Russell', 'en-AU', 'Male', 'en-gb');
add('Aditi Raveena Kajal', 'en-IN', 'Female', 'en-gb');
add('Geraint', 'cy-GB', 'Male', 'en-gb');
add('Celine Lea', 'fr-FR', 'Female', 'fr');
add('Mathieu Remi', 'fr-FR', 'Male', 'fr');
add('Chantal Gabrielle', 'fr-CA', 'Female', 'fr');
add('Marlene Vicki', 'de-DE', 'Female', 'de');
add('Hans Daniel', 'de-DE', 'Male', 'de');
add('Conchita Lucia', 'es-ES', 'Female', 'es');
add('Enrique Sergio', 'es-ES', 'Male', 'es');
add('Mia Lupe Penelope', 'es-US', 'Female', 'es-419');
add('Miguel Pedro', 'es-US', 'Male', 'es-419');
add('Carla Bianca', 'it-IT', 'Female', 'it');
add('Giorgio Adriano', 'it-IT', 'Male', 'it');
add('Camila Vitoria', 'pt-BR', 'Female', 'pt-br');
add('Ricardo Thiago', 'pt-BR', 'Male', 'pt-br');
add('Ines', 'pt-PT', 'Female', 'pt');
add('Cristiano', 'pt-PT', 'Male', 'pt');
add('Mizuki Kazuha Tomoko', 'ja-JP', 'Female', 'ja');
add('Takumi', 'ja-JP', 'Male', 'ja');
add('Zhiyu', 'cmn-CN', 'Female', 'cmn');
add('Seoyeon', 'ko-KR', 'Female', 'ko');
add('Lotte Laura', 'nl-NL', 'Female', 'nl');
add('Ruben', 'nl-NL', 'Male', 'nl');

/** The local stand-in for a Polly voice id, or `undefined` for an id Polly does not have. */
export function localVoice(voiceId: string): LocalVoice | undefined {
  return table[voiceId];
}

export const POLLY_VOICE_IDS: readonly string[] = Object.keys(table);
