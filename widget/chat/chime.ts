/**
 * The soft two-note chime of an owner reply (attention.ts), made with WebAudio: no audio file. A
 * module of its own, loaded with the first chime, so a page without `sound` never fetches it.
 */
export function playChime(audio: AudioContext): void {
  void audio.resume();
  const gain = audio.createGain();
  gain.connect(audio.destination);
  const start = audio.currentTime;
  // Two soft sine notes, a fifth apart, each fading out.
  for (const [offset, hertz] of [
    [0, 660],
    [0.12, 990],
  ] as const) {
    const note = audio.createOscillator();
    note.frequency.value = hertz;
    note.connect(gain);
    note.start(start + offset);
    note.stop(start + offset + 0.4);
  }
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.06, start + 0.03);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.5);
}
