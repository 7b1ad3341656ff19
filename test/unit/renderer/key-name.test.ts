// Shortcut names: the checklist's number keys work on layouts whose number row types other
// characters (Czech: + ě š č ř), letters and symbols keep their meaning.
import { describe, expect, it } from 'vitest';
import { keyName } from '../../../renderer/keyboard/shortcuts.js';

const press = (key: string, code: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) =>
  keyName({ key, code, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('keyName', () => {
  it.each([
    ['1', 'Digit1', '1'],
    ['+', 'Digit1', '1'], // Czech layout, unshifted
    ['ě', 'Digit2', '2'],
    ['š', 'Digit3', '3'],
    ['č', 'Digit4', '4'],
    ['ř', 'Digit5', '5'],
  ])('names %s on %s as %s', (key, code, name) => {
    expect(press(key, code)).toBe(name);
  });

  it('keeps letters, symbols and keys by what they mean', () => {
    expect(press('J', 'KeyJ')).toBe('j');
    expect(press('?', 'Slash')).toBe('?');
    expect(press('+', 'NumpadAdd')).toBe('+');
    expect(press('PageDown', 'PageDown')).toBe('pagedown');
  });

  it('names modified keys with their modifiers', () => {
    expect(press('f', 'KeyF', { ctrlKey: true })).toBe('ctrl+f');
    expect(press('1', 'Digit1', { ctrlKey: true })).toBe('ctrl+1');
  });
});
