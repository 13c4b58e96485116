import type { EntityType } from '../model';

/**
 * The entity types used when a corpus has no corpus.yaml (or it lists no types). Colours are
 * text/underline colours with a contrast ratio of at least 4.5:1 against the default light
 * (#ffffff) and dark (#1e1e1e) editor backgrounds (checked by a unit test).
 */
export const DEFAULT_ENTITY_TYPES: EntityType[] = [
  { id: 'person', label: 'Person', color: { light: '#b3261e', dark: '#ff8a80' }, shortcut: 'p', description: 'People, by name or title.' },
  { id: 'organization', label: 'Organization', color: { light: '#1a5fb4', dark: '#8ab4f8' }, shortcut: 'o', description: 'Companies, government bodies, parties, universities, media.' },
  { id: 'location', label: 'Location', color: { light: '#2e7d32', dark: '#81c995' }, shortcut: 'l', description: 'Places: countries, provinces, cities, districts, rivers.' },
  { id: 'date', label: 'Date', color: { light: '#8a4b00', dark: '#fdd663' }, shortcut: 'd', description: 'Dates, years, periods and times.' },
  { id: 'quantity', label: 'Quantity', color: { light: '#6a1b9a', dark: '#d7aefb' }, shortcut: 'q', description: 'Numbers, money, percentages, measures.' },
  { id: 'event', label: 'Event', color: { light: '#ad1457', dark: '#ff8bcb' }, shortcut: 'e', description: 'Named events: meetings, forums, disasters, games.' },
  { id: 'facility', label: 'Facility', color: { light: '#00695c', dark: '#78d9ec' }, shortcut: 'f', description: 'Infrastructure and projects: a metro line, a bridge, an airport, a park.' },
  { id: 'policy', label: 'Policy', color: { light: '#5d4037', dark: '#e6c9a8' }, shortcut: 'y', description: 'Laws, plans, agreements, programmes.' },
];

export const DEFAULT_DOCUMENT_GLOBS = ['**/*.txt'];
export const DEFAULT_EXCLUDE_GLOBS = ['**/node_modules/**', '**/.git/**'];
export const FALLBACK_COLOR = { light: '#595959', dark: '#bdbdbd' };
