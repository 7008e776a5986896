/**
 * UK names with realistic frequencies, grouped by heritage so that first names and surnames pair
 * up the way they do in real membership lists (a Kowalska is more often an Agnieszka than a Sharon,
 * and Wales has more Joneses), and so that each region gets its own mix.
 *
 * Owns: the name tables and how a region's members draw from them.
 * Must never: contain real people's full names on purpose (names are drawn independently, so a
 * pairing that matches a real person is coincidence, as in any phone book).
 *
 * Weights are relative frequencies within a list (roughly per 10,000), taken in spirit from ONS
 * surname and baby-name tables across the generations of working age; precision is not the point.
 */
import { Weighted } from '../random/random.prng.js';

export type Heritage = 'british' | 'welsh' | 'scottish' | 'irish' | 'southAsian' | 'africanCaribbean' | 'polish';

/** "Smith 100|Jones 75" → weighted table. */
function table(spec: string): Weighted<string> {
  return new Weighted(
    spec
      .split('|')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => {
        const space = entry.lastIndexOf(' ');
        return [entry.slice(0, space), Number(entry.slice(space + 1))] as const;
      }),
  );
}

const BRITISH_SURNAMES = table(`
Smith 126|Jones 60|Williams 50|Taylor 50|Brown 48|Davies 38|Wilson 34|Evans 30|Thomas 28|Johnson 28|Roberts 26|
Robinson 24|Thompson 24|Wright 24|Walker 23|White 22|Edwards 21|Hughes 21|Green 21|Hall 21|Wood 20|Harris 20|
Lewis 20|Martin 19|Jackson 19|Clarke 19|Clark 18|Turner 18|Hill 18|Scott 17|Cooper 17|Morris 17|Ward 17|Moore 16|
King 16|Watson 16|Baker 16|Harrison 16|Morgan 15|Allen 15|Young 15|Lee 15|Mitchell 14|James 14|Anderson 14|
Phillips 13|Lloyd 13|Bell 13|Parker 13|Bennett 13|Price 13|Shaw 12|Cook 12|Griffiths 12|Carter 12|Bailey 12|
Richardson 12|Davis 12|Marshall 11|Simpson 11|Ellis 11|Adams 11|Wilkinson 11|Foster 11|Chapman 11|Collins 11|
Richards 10|Powell 10|Webb 10|Rogers 10|Gray 10|Mason 10|Hunt 10|Holmes 10|Palmer 10|Mills 10|Barnes 10|Knight 10|
Butler 9|Russell 9|Barker 9|Fisher 9|Stevens 9|Jenkins 9|Dixon 9|Harvey 9|Pearson 9|Fletcher 9|Gibson 8|
Howard 8|Andrews 8|Elliott 8|Reynolds 8|Saunders 8|Payne 8|Fox 8|Ford 8|Pearce 8|Day 8|Brooks 8|West 8|Lawrence 8|
Cole 8|Atkinson 8|Bradley 7|Spencer 7|Dawson 7|Ball 7|Burton 7|Watts 7|Rose 7|Booth 7|Perry 7|Wells 7|
Armstrong 7|Francis 7|Hart 7|Hudson 7|Newman 7|Barrett 7|Webster 7|Hunter 7|Gregory 7|Carr 6|Lowe 6|Page 6|
Marsh 6|Riley 6|Dunn 6|Woods 6|Parsons 6|Berry 6|Stone 6|Holland 6|Hawkins 6|Harding 6|Porter 6|Newton 6|
Oliver 6|Reed 6|Williamson 6|Bird 6|Gardner 6|Dean 6|Lane 6|Cooke 6|Bates 6|Burgess 5|Bishop 5|Walton 5|
Nicholson 5|Shepherd 5|Cross 5|Long 5|Freeman 5|Warren 5|Nicholls 5|Sutton 5|Yates 5|Hodgson 5|Robson 5|
Curtis 5|Hopkins 5|Harper 5|Coleman 5|Watkins 5|Moss 5|Chambers 5|Sharp 5|Hardy 5|Wheeler 5|Potter 5|Osborne 5|
Hutchinson 5|Rowe 5|May 5|Gilbert 5|Willis 5|Read 5|Miles 5|Stephenson 5|Hammond 5|Arnold 5|Buckley 5|Walters 4|
Hewitt 4|Barber 4|Nelson 4|Slater 4|Austin 4|Whitehead 4|Mann 4|Frost 4|Lambert 4|Stephens 4|Blake 4|Goodwin 4|
Barton 4|Woodward 4|Barnett 4|Baxter 4|Clayton 4|Nash 4|Greenwood 4|Jennings 4|Holt 4|Kemp 4|Poole 4|Bond 4|
Stokes 4|Tucker 4|Fowler 4|Heath 4|Norman 4|Middleton 4|Lawson 4|Banks 4|French 4|Stanley 4|Jarvis 4|Gibbs 4|
Hayward 4|Dickinson 4|Todd 4|Barlow 4|Peters 4|Lucas 4|Knowles 4|Hartley 4|Simmons 4|Morton 4|Field 4|Norris 4|
Townsend 3|Preston 3|Hancock 3|Thornton 3|Baldwin 3|Burrows 3|Briggs 3|Storey 3|Little 3|Pollard 3|Sykes 3|
Ashworth 3|Broadbent 3|Haigh 3|Ramsden 3|Ackroyd 3|Lister 3|Pickering 3|Brennan 3|Charlton 3|Milburn 3|
Dodd 3|Platt 3|Whittaker 3|Kershaw 3|Heywood 3|Sherwood 3|Pemberton 3|Oakley 3|Trevelyan 1|Penrose 1|Tregear 1|
Nowell 2|Fairclough 2|Entwistle 2|Catterall 2|Butterworth 2|Crowther 2|Hirst 2|Metcalfe 3|Outhwaite 1
`);

const BRITISH_FEMALE = table(`
Sarah 60|Emma 45|Claire 40|Laura 40|Rachel 35|Nicola 35|Lisa 35|Karen 35|Helen 35|Michelle 30|Joanne 30|
Rebecca 30|Louise 30|Amy 28|Hannah 28|Sophie 25|Charlotte 28|Jennifer 22|Elizabeth 22|Catherine 20|Susan 25|
Julie 25|Amanda 22|Kelly 20|Gemma 22|Victoria 20|Jessica 20|Emily 20|Lucy 22|Samantha 18|Natalie 18|Donna 15|
Tracey 15|Jane 18|Alison 15|Deborah 15|Dawn 12|Angela 15|Zoe 15|Jade 14|Chloe 15|Megan 14|Katie 15|Lauren 16|
Stacey 10|Leanne 12|Kerry 10|Paula 12|Wendy 10|Jacqueline 10|Gillian 10|Linda 12|Patricia 10|Margaret 10|
Carol 10|Janet 10|Christine 10|Sharon 12|Lorraine 8|Beverley 8|Diane 10|Hayley 12|Kimberley 8|Danielle 12|
Abigail 10|Holly 12|Grace 10|Georgia 10|Amelia 6|Jasmine 6|Bethany 10|Molly 8|Anna 10|Maria 8|Ruth 8|
Caroline 12|Frances 5|Heather 6|Anne 8|Kate 10|Jenny 8|Vicky 6|Hollie 4|Ellie 8|Olivia 8|Eleanor 6|Alice 6|
Kirsty 8|Joanna 6|Sally 6|Tina 5|Mandy 5|Toni 4|Gail 4|Yvonne 5|Pauline 6|Elaine 6|Sandra 8|Teresa 5|Jackie 4
`);

const BRITISH_MALE = table(`
David 60|Paul 50|Mark 45|Andrew 45|John 45|Michael 45|James 45|Richard 35|Stephen 35|Peter 30|Robert 30|
Christopher 35|Daniel 35|Matthew 35|Simon 25|Ian 25|Gary 25|Darren 20|Neil 20|Steven 20|Thomas 30|Jonathan 20|
Martin 20|Lee 18|Craig 18|Adam 20|Anthony 18|Kevin 18|Wayne 12|Jason 15|Carl 12|Dean 12|Graham 12|Alan 14|
Philip 14|Nicholas 12|Benjamin 15|Samuel 15|Joshua 15|Luke 15|Ryan 15|Jack 18|Liam 14|Scott 12|Jamie 14|
Kieran 8|Nathan 10|Oliver 12|Harry 12|George 10|William 12|Joseph 12|Alexander 10|Tom 10|Ben 10|Dan 6|Chris 8|
Stuart 10|Keith 8|Brian 8|Colin 8|Barry 6|Trevor 5|Shaun 8|Ross 8|Aaron 8|Connor 8|Jordan 8|Bradley 8|
Edward 8|Charles 6|Tony 8|Terry 5|Russell 6|Lewis 8|Sam 8|Joe 6|Robin 4|Gavin 6|Nigel 5|Malcolm 4|Dominic 5|
Tim 5|Ashley 5|Callum 6|Kyle 5|Jake 8|Ethan 5|Declan 3|Gareth 6|Rob 4|Jon 4|Phil 4
`);

const WELSH_SURNAMES = table(`
Jones 160|Davies 100|Williams 90|Evans 70|Thomas 60|Roberts 50|Hughes 40|Lewis 40|Morgan 35|Griffiths 30|
Price 25|Rees 25|Jenkins 25|Lloyd 22|Pritchard 15|Parry 18|Bowen 14|Powell 15|Vaughan 10|Llewellyn 10|Pugh 10|
Howells 8|Prosser 6|Owen 25|Phillips 20|James 20|Edwards 25|Watkins 12|Harries 6|Meredith 6|Gwynne 3|
Prydderch 2|Bevan 8|Probert 4|Cadwaladr 1|Ellis 10|Rowlands 8|Jenkin 3|Hopkins 8
`);

const WELSH_FEMALE = table(`
Siân 20|Cerys 18|Bethan 18|Rhiannon 15|Ffion 14|Catrin 12|Nia 12|Megan 12|Elin 10|Carys 10|Angharad 8|
Seren 6|Gwen 6|Lowri 10|Eleri 6|Manon 6|Non 3|Delyth 5|Mererid 2|Glenys 4|Llinos 3|Heledd 3|Alaw 2
`);

const WELSH_MALE = table(`
Rhys 20|Dafydd 15|Gareth 18|Aled 12|Gethin 10|Owain 12|Dylan 12|Huw 12|Iwan 8|Emyr 6|Geraint 8|Gwyn 6|
Ieuan 6|Llŷr 3|Osian 6|Cai 5|Trystan 4|Bryn 6|Rhodri 8|Carwyn 4|Elis 4|Hywel 5|Tomos 6|Deiniol 2
`);

const SCOTTISH_SURNAMES = table(`
Smith 80|Brown 45|Wilson 40|Campbell 40|Stewart 38|Thomson 36|Robertson 36|Anderson 34|MacDonald 30|
McDonald 20|Scott 28|Reid 28|Murray 26|Taylor 24|Clark 24|Ross 20|Watson 20|Morrison 20|Paterson 18|Young 18|
Mitchell 18|Walker 18|Fraser 18|Miller 18|McDougall 6|Henderson 16|Hamilton 16|Graham 16|Johnston 16|
Mackenzie 14|Kerr 14|Sinclair 10|McLean 12|MacLeod 12|Ferguson 14|Cameron 14|Munro 10|Grant 12|Boyle 8|
Gillespie 8|McGregor 8|Docherty 8|Kelly 12|Duncan 10|Hunter 10|Simpson 10|Gordon 10|Bell 10|Black 8|
McIntyre 6|Sutherland 6|Buchanan 6|Crawford 8|McKay 8|Cunningham 8|Wallace 10|Milne 6|Ritchie 6|Dunlop 4|
Lindsay 5|Drummond 5|Galloway 4|McAllister 4|Baird 5|Rae 3
`);

const SCOTTISH_FEMALE = table(`
Isla 8|Eilidh 10|Morag 6|Kirsty 14|Ailsa 6|Fiona 14|Catriona 8|Shona 8|Mhairi 8|Elspeth 3|Iona 5|Lorna 8|
Heather 8|Kirsten 8|Rhona 5|Jennifer 12|Gillian 10|Lesley 8|Karen 12|Nicola 12|Claire 12|Laura 12|Emma 12|
Sarah 14|Louise 10|Lynne 6|Morven 3|Jean 4|Agnes 2|Margaret 6
`);

const SCOTTISH_MALE = table(`
Callum 12|Fraser 10|Ewan 10|Hamish 4|Alasdair 6|Angus 6|Euan 8|Ruaridh 4|Lachlan 6|Calum 6|Craig 14|
Graeme 8|Gordon 8|Iain 10|Duncan 8|Stuart 10|Ross 10|Scott 10|Kenneth 6|Douglas 6|Murray 4|Kyle 8|Jamie 10|
Andrew 14|John 14|David 16|James 14|William 8|Robert 8|Alistair 6
`);

const IRISH_SURNAMES = table(`
Murphy 40|Kelly 32|O'Brien 28|Byrne 25|Ryan 25|O'Connor 24|O'Neill 24|Doyle 20|McCarthy 20|Gallagher 18|
Quinn 18|McLaughlin 16|Kennedy 16|Lynch 16|Brennan 14|Devlin 10|Donnelly 12|Maguire 12|McCann 12|Hughes 14|
Walsh 18|Smith 20|Wilson 14|Campbell 14|Burns 10|Doherty 16|O'Sullivan 12|Reilly 10|Moore 10|Boyle 10|
McKenna 10|Hagan 6|Kane 8|Mullan 8|McGuinness 6|Nolan 10|Fitzgerald 10|Keane 6|Duffy 10|Connolly 12|
Farrell 8|Higgins 8|Mulholland 6|McGrath 8|Ó Briain 1|Ní Bhriain 1|Sweeney 6|Power 6
`);

const IRISH_FEMALE = table(`
Siobhan 12|Niamh 12|Aoife 10|Róisín 6|Roisin 6|Orla 10|Ciara 10|Sinéad 6|Sinead 6|Aisling 6|Clodagh 4|
Bríd 2|Grainne 4|Maeve 6|Caoimhe 5|Deirdre 5|Eimear 4|Saoirse 5|Mary 12|Bridget 4|Catherine 8|Claire 8|
Sarah 10|Emma 8|Louise 6|Nuala 3
`);

const IRISH_MALE = table(`
Ciarán 6|Ciaran 8|Seán 6|Sean 12|Declan 10|Pádraig 3|Padraig 4|Eoin 8|Conor 10|Cathal 5|Niall 8|Oisín 4|
Colm 5|Fergal 4|Ronan 6|Kieran 6|Aidan 6|Brendan 6|Dermot 4|Liam 8|Patrick 12|Michael 12|John 10|Gerard 6|
Eamon 4|Paul 8|Martin 6|Damian 5
`);

const SOUTH_ASIAN_SURNAMES = table(`
Patel 80|Khan 70|Singh 50|Ahmed 45|Ali 45|Begum 30|Hussain 40|Shah 25|Kaur 25|Akhtar 18|Mahmood 15|Iqbal 15|
Rahman 18|Miah 14|Chowdhury 12|Islam 12|Uddin 12|Sharma 14|Gupta 10|Kumar 12|Parmar 10|Mistry 8|Chauhan 8|
Sandhu 8|Gill 10|Bains 6|Malik 12|Qureshi 8|Butt 8|Aziz 6|Rehman 6|Bibi 8|Mirza 6|Sheikh 8|Choudhury 6|Joshi 6|
Desai 6|Mehta 6|Nair 5|Pillai 4|Banerjee 4|Bhatti 6|Dhillon 6|Grewal 5|Sidhu 5|Hayer 3|Lal 5|Rana 5|Javed 5|
Anwar 6|Saddique 4|Nawaz 5|Raza 6|Zaman 4|Haque 5|Hossain 6
`);

const SOUTH_ASIAN_FEMALE = table(`
Fatima 14|Ayesha 12|Aisha 12|Nadia 10|Priya 10|Sunita 6|Yasmin 10|Shabana 6|Nasreen 6|Zainab 8|Samina 6|
Farzana 6|Rubina 5|Saima 6|Sana 8|Amina 8|Hina 5|Harpreet 6|Gurpreet 6|Jaspreet 6|Manpreet 5|Parveen 6|
Anjali 5|Pooja 6|Neha 5|Kiran 6|Reena 5|Seema 5|Shazia 5|Rukhsana 4|Nusrat 4|Tasnim 4|Sabrina 4|Alisha 5|
Simran 5|Meera 4|Anita 6|Nisha 5|Asha 4|Leila 4
`);

const SOUTH_ASIAN_MALE = table(`
Mohammed 30|Muhammad 20|Mohammad 8|Ahmed 12|Imran 10|Asif 8|Amir 8|Rajesh 6|Sanjay 6|Ravi 6|Anil 5|
Sukhwinder 4|Harjit 4|Jaswinder 4|Gurdeep 5|Amarjit 4|Ali 10|Hassan 8|Hamza 8|Usman 8|Bilal 8|Tariq 6|Zubair 5|
Faisal 6|Kamran 6|Shahid 6|Nadeem 5|Naveed 5|Abdul 8|Yusuf 8|Ibrahim 8|Omar 8|Adnan 6|Arjun 5|Vikram 4|
Rohit 4|Deepak 5|Sunil 5|Vijay 5|Manoj 4|Rakesh 4|Kamal 4|Jamal 4|Rizwan 5
`);

const AFRICAN_CARIBBEAN_SURNAMES = table(`
Williams 30|Brown 28|Campbell 25|Thompson 22|Johnson 20|Smith 22|Francis 14|Henry 12|Clarke 14|Robinson 12|
Bailey 10|Forbes 8|Grant 10|Reid 10|Gordon 8|McKenzie 10|Walker 10|Morgan 8|Samuels 6|Powell 8|Lewis 10|
Edwards 10|James 10|Thomas 10|Richards 8|Okafor 8|Adeyemi 8|Mensah 8|Owusu 8|Okoro 6|Boateng 8|Asante 6|
Adebayo 8|Nwosu 6|Bello 6|Okonkwo 6|Osei 8|Appiah 6|Danso 4|Ogunleye 4|Oyelaran 3|Eze 5|Afolabi 5|
Mohamed 8|Abdi 6|Hassan 6|Ibrahim 6|Kamara 5|Conteh 4|Bangura 4|Mwangi 3|Banda 3|Moyo 4|Ncube 3
`);

const AFRICAN_CARIBBEAN_FEMALE = table(`
Marcia 6|Sharon 8|Chantelle 8|Precious 6|Abena 5|Ama 5|Grace 8|Blessing 6|Funmi 4|Ngozi 4|Chioma 5|Adaeze 3|
Folake 4|Yetunde 4|Kemi 5|Tanisha 5|Shanice 6|Natasha 8|Janet 6|Patricia 6|Beverley 6|Marlene 4|Hyacinth 3|
Claudette 4|Jacqueline 6|Michelle 8|Simone 6|Nadine 5|Keisha 5|Aaliyah 5|Amara 5|Zara 5|Hodan 4|Fartun 3|
Hawa 4|Mariama 4|Fatmata 3
`);

const AFRICAN_CARIBBEAN_MALE = table(`
Delroy 5|Winston 5|Tyrone 6|Leroy 5|Kwame 6|Kofi 6|Kwabena 4|Chidi 5|Emeka 6|Tunde 5|Olu 4|Oluwaseun 4|
Femi 5|Segun 4|Chinedu 4|Marlon 6|Andre 6|Jermaine 6|Dwayne 6|Clive 5|Errol 4|Lloyd 4|Trevor 5|Desmond 5|
Michael 10|David 10|Daniel 10|Samuel 8|Joshua 8|Isaac 6|Nathaniel 5|Emmanuel 8|Abdi 5|Mohamed 6|Ahmed 5|
Ibrahim 5|Mustafa 4|Sorie 3|Abu 3
`);

const POLISH_SURNAMES = table(`
Nowak 30|Kowalski 25|Wiśniewski 20|Wójcik 18|Kowalczyk 18|Kamiński 16|Lewandowski 16|Zieliński 14|
Szymański 14|Woźniak 14|Dąbrowski 12|Kozłowski 12|Jankowski 10|Mazur 12|Kwiatkowski 10|Krawczyk 10|
Kaczmarek 10|Piotrowski 10|Grabowski 9|Nowakowski 8|Pawłowski 8|Michalski 8|Nowicki 8|Adamczyk 8|
Dudek 8|Zając 8|Wieczorek 7|Jabłoński 7|Król 7|Majewski 7|Olszewski 7|Jaworski 6|Wróbel 6|Malinowski 6|
Pawlak 6|Witkowski 6|Walczak 6|Stępień 6|Górski 6|Rutkowski 5|Michalak 5|Sikora 5|Ostrowski 5|Baran 5|
Duda 5|Szewczyk 5|Tomaszewski 5|Pietrzak 5|Marciniak 5|Wróblewski 5|Zalewski 5|Jakubowski 5|Sadowski 4
`);

const POLISH_FEMALE = table(`
Anna 14|Katarzyna 12|Agnieszka 12|Magdalena 10|Joanna 10|Ewa 8|Monika 8|Małgorzata 8|Karolina 8|Aleksandra 6|
Natalia 6|Marta 8|Paulina 6|Justyna 6|Beata 5|Dorota 5|Barbara 5|Sylwia 5|Kinga 4|Weronika 4|Izabela 4|Iwona 4|
Marzena 3|Zofia 3
`);

const POLISH_MALE = table(`
Piotr 12|Tomasz 12|Krzysztof 10|Marek 8|Paweł 10|Michał 10|Łukasz 10|Marcin 10|Jakub 8|Kamil 8|Adam 8|
Grzegorz 6|Mariusz 6|Dariusz 5|Andrzej 6|Rafał 6|Bartosz 6|Sebastian 5|Wojciech 5|Jan 5|Damian 5|Mateusz 6|
Przemysław 3|Artur 4|Zbigniew 3|Jarosław 3
`);

export interface HeritageNames {
  readonly surnames: Weighted<string>;
  readonly female: Weighted<string>;
  readonly male: Weighted<string>;
  /** Share of people of this heritage who carry a first name from the general British list. */
  readonly britishFirstNameShare: number;
}

export const HERITAGE_NAMES: Readonly<Record<Heritage, HeritageNames>> = {
  british: { surnames: BRITISH_SURNAMES, female: BRITISH_FEMALE, male: BRITISH_MALE, britishFirstNameShare: 1 },
  welsh: { surnames: WELSH_SURNAMES, female: WELSH_FEMALE, male: WELSH_MALE, britishFirstNameShare: 0.6 },
  scottish: { surnames: SCOTTISH_SURNAMES, female: SCOTTISH_FEMALE, male: SCOTTISH_MALE, britishFirstNameShare: 0.35 },
  irish: { surnames: IRISH_SURNAMES, female: IRISH_FEMALE, male: IRISH_MALE, britishFirstNameShare: 0.35 },
  southAsian: { surnames: SOUTH_ASIAN_SURNAMES, female: SOUTH_ASIAN_FEMALE, male: SOUTH_ASIAN_MALE, britishFirstNameShare: 0.12 },
  africanCaribbean: {
    surnames: AFRICAN_CARIBBEAN_SURNAMES,
    female: AFRICAN_CARIBBEAN_FEMALE,
    male: AFRICAN_CARIBBEAN_MALE,
    britishFirstNameShare: 0.5,
  },
  polish: { surnames: POLISH_SURNAMES, female: POLISH_FEMALE, male: POLISH_MALE, britishFirstNameShare: 0.1 },
};

/** Polish surnames agree with the person: Kowalski → Kowalska, Zieliński → Zielińska. */
export function polishFeminineSurname(surname: string): string {
  if (surname.endsWith('ski') || surname.endsWith('cki') || surname.endsWith('dzki')) return `${surname.slice(0, -1)}a`;
  return surname;
}

/** How each heritage is represented among members in each region (relative weights). */
export const REGION_HERITAGE: Readonly<Record<string, ReadonlyArray<readonly [Heritage, number]>>> = {
  'North East': [['british', 90], ['scottish', 2], ['irish', 2], ['southAsian', 3], ['africanCaribbean', 1], ['polish', 2]],
  'North West': [['british', 78], ['irish', 6], ['scottish', 2], ['welsh', 2], ['southAsian', 8], ['africanCaribbean', 2], ['polish', 2]],
  'Yorkshire and the Humber': [['british', 78], ['irish', 3], ['scottish', 2], ['southAsian', 11], ['africanCaribbean', 2], ['polish', 4]],
  'East Midlands': [['british', 80], ['irish', 3], ['scottish', 2], ['southAsian', 8], ['africanCaribbean', 3], ['polish', 4]],
  'West Midlands': [['british', 72], ['irish', 4], ['scottish', 1], ['welsh', 2], ['southAsian', 14], ['africanCaribbean', 5], ['polish', 2]],
  'East of England': [['british', 84], ['irish', 3], ['scottish', 2], ['southAsian', 4], ['africanCaribbean', 3], ['polish', 4]],
  London: [['british', 50], ['irish', 5], ['scottish', 2], ['welsh', 1], ['southAsian', 18], ['africanCaribbean', 16], ['polish', 8]],
  'South East': [['british', 84], ['irish', 3], ['scottish', 2], ['welsh', 1], ['southAsian', 5], ['africanCaribbean', 2], ['polish', 3]],
  'South West': [['british', 88], ['irish', 2], ['scottish', 2], ['welsh', 3], ['southAsian', 2], ['africanCaribbean', 1], ['polish', 2]],
  Wales: [['welsh', 45], ['british', 46], ['irish', 2], ['scottish', 1], ['southAsian', 3], ['africanCaribbean', 1], ['polish', 2]],
  Scotland: [['scottish', 60], ['british', 25], ['irish', 8], ['southAsian', 4], ['africanCaribbean', 1], ['polish', 2]],
  'Northern Ireland': [['irish', 70], ['scottish', 15], ['british', 12], ['polish', 2], ['southAsian', 1]],
};
