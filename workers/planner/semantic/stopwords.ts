/** Words that carry no catalog meaning in a data question; anything else left unmatched makes Skiff say it did not understand. */
export const stopwords = new Set(
  `a about across after all along also altogether amount an and any are as at be been being between broken breakdown by
  can compare compared could count counted current data day did do doe does each every figure figures find for from get give
  had happen happened has have how i in into is it its just know let like list look many me much my number of on only or our
  over overall per please rank ranked ranking rate show so some split tell than that the their them there these they this
  those through to total up us value versus vs want was we were what whats when where which who whose will with within would
  you your among made make making most top bottom highest lowest largest biggest smallest least first best worst
  share percentage percent fraction proportion ratio change difference versus against relative since until till through
  during past previous prior period each broken down group grouped sum totals summed stat stats statistic statistics
  currently right now far`
    .split(/\s+/)
    .filter((w) => w.length > 0),
);
