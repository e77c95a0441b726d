/**
 * Progress of a long command on stderr: the lines its stages report, and a
 * "still …" line whenever a stage has said nothing for `quietSeconds`, so no
 * stage of a build runs silent for longer than that. `--quiet` turns it off.
 */
export interface Progress {
  /** Name what is being done now (`parsing`, `rendering pages`, `indexing search`). */
  stage(label: string): void
  /** Print a progress line (resets the silence timer). */
  line(text: string): void
  /** Stop the timer (the process may then exit). */
  stop(): void
}

export function startProgress(options: { enabled: boolean; write?: (text: string) => void; quietSeconds?: number }): Progress {
  const write = options.write ?? ((text: string) => void process.stderr.write(text))
  const quietMs = (options.quietSeconds ?? 10) * 1000
  let label = 'starting'
  let stageStart = Date.now()
  let lastLine = Date.now()
  const line = (text: string): void => {
    if (!options.enabled) return
    lastLine = Date.now()
    write(`  ${text}\n`)
  }
  const timer = options.enabled
    ? setInterval(() => {
        if (Date.now() - lastLine >= quietMs) line(`still ${label} (${Math.round((Date.now() - stageStart) / 1000)} s)`)
      }, 1000)
    : null
  timer?.unref()
  return {
    stage(next) {
      if (next === label) return
      label = next
      stageStart = Date.now()
    },
    line,
    stop() {
      if (timer) clearInterval(timer)
    }
  }
}
