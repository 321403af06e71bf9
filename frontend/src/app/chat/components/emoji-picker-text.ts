import type { I18n } from 'emoji-picker-element/shared';

/** The picker's own labels, in the app's language (its `i18n` option). */
export function emojiPickerText(): I18n {
  return {
    categoriesLabel: $localize`:@@chat.emoji.categories:Categories`,
    emojiUnsupportedMessage: $localize`:@@chat.emoji.unsupported:Your browser does not support color emoji.`,
    favoritesLabel: $localize`:@@chat.emoji.favorites:Frequently used`,
    loadingMessage: $localize`:@@chat.emoji.loading:Loading…`,
    networkErrorMessage: $localize`:@@chat.emoji.networkError:Could not load emoji.`,
    regionLabel: $localize`:@@chat.emoji.region:Emoji picker`,
    searchDescription: $localize`:@@chat.emoji.searchDescription:When search results are available, press up or down to select and enter to choose.`,
    searchLabel: $localize`:@@chat.emoji.search:Search emoji`,
    searchResultsLabel: $localize`:@@chat.emoji.searchResults:Search results`,
    skinToneDescription: $localize`:@@chat.emoji.skinToneDescription:When expanded, press up or down to select and enter to choose.`,
    skinToneLabel: $localize`:@@chat.emoji.skinTone:Choose a skin tone (currently {skinTone})`,
    skinTonesLabel: $localize`:@@chat.emoji.skinTones:Skin tones`,
    skinTones: [
      $localize`:@@chat.emoji.tone.default:Default`,
      $localize`:@@chat.emoji.tone.light:Light`,
      $localize`:@@chat.emoji.tone.mediumLight:Medium-Light`,
      $localize`:@@chat.emoji.tone.medium:Medium`,
      $localize`:@@chat.emoji.tone.mediumDark:Medium-Dark`,
      $localize`:@@chat.emoji.tone.dark:Dark`,
    ],
    categories: {
      custom: $localize`:@@chat.emoji.category.custom:Custom`,
      'smileys-emotion': $localize`:@@chat.emoji.category.smileys:Smileys and emoticons`,
      'people-body': $localize`:@@chat.emoji.category.people:People and body`,
      'animals-nature': $localize`:@@chat.emoji.category.animals:Animals and nature`,
      'food-drink': $localize`:@@chat.emoji.category.food:Food and drink`,
      'travel-places': $localize`:@@chat.emoji.category.travel:Travel and places`,
      activities: $localize`:@@chat.emoji.category.activities:Activities`,
      objects: $localize`:@@chat.emoji.category.objects:Objects`,
      symbols: $localize`:@@chat.emoji.category.symbols:Symbols`,
      flags: $localize`:@@chat.emoji.category.flags:Flags`,
    },
  };
}
