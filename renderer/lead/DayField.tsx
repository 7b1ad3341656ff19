// A calendar day as the user reads it in the desk's language (renderer/format/day.ts: "3. 11. 2026",
// "03/11/2026"), typed, or picked from the browser's calendar beside it. A native date input shows
// the browser's own format instead (mm/dd/yyyy to a Czech lead on an American-English Chromium).
// Value and onChange are ISO days, '' for none; text that is not a day yet changes nothing.
import CalendarMonthOutlinedIcon from '@mui/icons-material/CalendarMonthOutlined';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import { DateTime } from 'luxon';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../app/settings.js';
import { formatDay, parseDay } from '../format/day.js';

export function DayField({ label, value, onChange, error, helperText }: { label: string; value: string; onChange(day: string): void; error?: boolean; helperText?: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => formatDay(value, locale));
  // The text follows the value when it changes from outside (filters cleared, a day picked) or the
  // language changes; what the user is typing stays while it means the value.
  const [follows, setFollows] = useState({ value, locale });
  if (follows.value !== value || follows.locale !== locale) {
    setFollows({ value, locale });
    if (follows.locale !== locale || (parseDay(text, locale) ?? '') !== value) setText(formatDay(value, locale));
  }
  const unreadable = text.trim() !== '' && parseDay(text, locale) === null;

  return (
    <TextField
      size="small"
      label={label}
      value={text}
      placeholder={t('day.placeholder')}
      error={unreadable || error}
      helperText={unreadable ? t('day.invalid', { example: formatDay(DateTime.now().toISODate()!, locale) }) : helperText}
      onChange={(e) => {
        setText(e.target.value);
        const day = e.target.value.trim() === '' ? '' : parseDay(e.target.value, locale);
        if (day !== null && day !== value) onChange(day);
      }}
      sx={{ width: 180 }}
      slotProps={{
        inputLabel: { shrink: true },
        input: {
          endAdornment: (
            <InputAdornment position="end" sx={{ position: 'relative' }}>
              <IconButton size="small" edge="end" aria-label={t('day.pick', { field: label })} onClick={() => picker.current?.showPicker()}>
                <CalendarMonthOutlinedIcon fontSize="small" />
              </IconButton>
              {/* The browser's calendar, opened by the button: it writes ISO days whatever it shows. */}
              <Box
                component="input"
                ref={picker}
                type="date"
                tabIndex={-1}
                aria-hidden
                value={value}
                onChange={(e) => onChange(e.target.value)}
                sx={{ position: 'absolute', right: 0, bottom: 0, width: 1, height: 1, opacity: 0, border: 0, p: 0, pointerEvents: 'none' }}
              />
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
