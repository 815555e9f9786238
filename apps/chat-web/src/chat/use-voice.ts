import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Speaks the bot's replies when switched on: one reply at a time (a new one stops the old),
 * `stop()` silences it. A failure switches nothing off silently: it is reported.
 */
export function useVoice(speak: (text: string) => Promise<Blob>) {
  const [enabled, setEnabled] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  const [error, setError] = useState<string>();
  const audio = useRef<HTMLAudioElement | undefined>(undefined);
  const url = useRef<string | undefined>(undefined);

  const stop = useCallback(() => {
    audio.current?.pause();
    audio.current = undefined;
    if (url.current) URL.revokeObjectURL(url.current);
    url.current = undefined;
    setSpeaking(false);
  }, []);

  const say = useCallback(
    async (text: string) => {
      if (!enabled || !text.trim()) return;
      stop();
      try {
        const blob = await speak(text);
        url.current = URL.createObjectURL(blob);
        const player = new Audio(url.current);
        audio.current = player;
        player.onended = stop;
        setSpeaking(true);
        await player.play();
        setError(undefined);
      } catch (e) {
        stop();
        setError(
          `Voice is unavailable: ${(e as Error).name === 'NotAllowedError' ? 'the browser blocked playback' : 'Polly did not answer'}`,
        );
      }
    },
    [enabled, speak, stop],
  );

  useEffect(() => stop, [stop]);

  return {
    enabled,
    speaking,
    error,
    toggle: () => {
      if (enabled) stop();
      setEnabled(!enabled);
      setError(undefined);
    },
    say,
    stop,
  };
}
